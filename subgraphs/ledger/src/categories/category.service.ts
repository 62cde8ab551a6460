import { badInput, isUuid, newId, notFound, type EntityManager } from '@saldo/kit';
import { conflict, notFoundField } from '@saldo/kit';
import { optionalText, requiredText } from '../common/input';
import { pgError, query, queryOne, valuesList } from '@saldo/kit';
import { DEFAULT_CATEGORIES, languageOf } from './default-categories';
import { event, recordEvents } from '@saldo/kit';
import {
  CATEGORY_COLUMNS,
  categorySnapshotOf,
  toCategoryRecord,
  type CategoryKind,
  type CategoryRecord,
  type CategoryRow,
} from './category.model';

export interface NewCategory {
  name: string;
  kind: CategoryKind;
  parentId?: string | null;
  color?: string | null;
  icon?: string | null;
}

/** undefined keeps a field; null clears parent, color and icon. */
export interface CategoryPatch {
  name?: string | null;
  parentId?: string | null;
  color?: string | null;
  icon?: string | null;
  archived?: boolean | null;
}

function duplicateName(error: unknown): unknown {
  const { code, constraint } = pgError(error);
  return code === '23505' && constraint === 'categories_name'
    ? conflict('A category with this name already exists here', { field: 'name' })
    : error;
}

export class CategoryService {
  async list(
    em: EntityManager,
    userId: string,
    includeArchived: boolean,
    kind: CategoryKind | null,
  ): Promise<CategoryRecord[]> {
    const rows = await query<CategoryRow>(
      em,
      `select ${CATEGORY_COLUMNS} from categories
        where user_id = ?::uuid ${includeArchived ? '' : 'and not archived'} ${kind ? 'and kind = ?' : ''}
        order by kind, lower(name), id`,
      kind ? [userId, kind] : [userId],
    );
    return rows.map(toCategoryRecord);
  }

  async byIds(
    em: EntityManager,
    userId: string,
    ids: readonly string[],
  ): Promise<CategoryRecord[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const rows = await query<CategoryRow>(
      em,
      `select ${CATEGORY_COLUMNS} from categories where user_id = ?::uuid and id = any(array[?]::uuid[])`,
      [userId, valid],
    );
    return rows.map(toCategoryRecord);
  }

  async get(
    em: EntityManager,
    userId: string,
    id: string,
    field?: string,
  ): Promise<CategoryRecord> {
    const [category] = await this.byIds(em, userId, [id]);
    if (!category) throw field ? notFoundField('Category', field, id) : notFound('Category', id);
    return category;
  }

  /** A parent must be a top-level category of the same kind (one level of nesting). */
  private async checkParent(
    em: EntityManager,
    userId: string,
    parentId: string,
    kind: CategoryKind,
    childId: string | null,
  ): Promise<void> {
    if (parentId === childId)
      throw badInput('A category cannot be its own parent', { field: 'parentId' });
    const parent = await this.get(em, userId, parentId, 'parentId');
    if (parent.kind !== kind) throw badInput('The parent has another kind', { field: 'parentId' });
    if (parent.parentId) throw badInput('Categories nest one level deep', { field: 'parentId' });
    if (childId) {
      const child = await queryOne(
        em,
        'select 1 as one from categories where parent_id = ?::uuid limit 1',
        [childId],
      );
      if (child)
        throw badInput('A category with subcategories stays top-level', { field: 'parentId' });
    }
  }

  /** Creates the category and its `ledger.category.created` together. */
  async create(em: EntityManager, userId: string, input: NewCategory): Promise<CategoryRecord> {
    return em.transactional(async (tx) => {
      const created = await this.insert(tx, userId, input);
      await recordEvents(tx, [
        event('ledger.category.created', userId, { category: categorySnapshotOf(created) }),
      ]);
      return created;
    });
  }

  private async insert(
    em: EntityManager,
    userId: string,
    input: NewCategory,
  ): Promise<CategoryRecord> {
    const name = requiredText(input.name, 'name', 80);
    if (input.parentId) await this.checkParent(em, userId, input.parentId, input.kind, null);
    try {
      const row = await queryOne<CategoryRow>(
        em,
        `insert into categories (id, user_id, name, kind, parent_id, color, icon)
         values (?::uuid, ?::uuid, ?, ?, ?::uuid, ?, ?) returning ${CATEGORY_COLUMNS}`,
        [
          newId(),
          userId,
          name,
          input.kind,
          input.parentId ?? null,
          optionalText(input.color, 'color', 32),
          optionalText(input.icon, 'icon', 64),
        ],
      );
      return toCategoryRecord(row!);
    } catch (error) {
      throw duplicateName(error);
    }
  }

  /** Changes the category and publishes `ledger.category.updated` with it. */
  async update(
    em: EntityManager,
    userId: string,
    id: string,
    patch: CategoryPatch,
  ): Promise<CategoryRecord> {
    return em.transactional(async (tx) => {
      const updated = await this.change(tx, userId, id, patch);
      await recordEvents(tx, [
        event('ledger.category.updated', userId, { category: categorySnapshotOf(updated) }),
      ]);
      return updated;
    });
  }

  private async change(
    em: EntityManager,
    userId: string,
    id: string,
    patch: CategoryPatch,
  ): Promise<CategoryRecord> {
    const before = await this.get(em, userId, id);
    const parentId = patch.parentId === undefined ? before.parentId : patch.parentId;
    if (parentId && parentId !== before.parentId)
      await this.checkParent(em, userId, parentId, before.kind, id);
    try {
      const row = await queryOne<CategoryRow>(
        em,
        `update categories set name = ?, parent_id = ?::uuid, color = ?, icon = ?, archived = ?,
           updated_at = now()
         where id = ?::uuid and user_id = ?::uuid returning ${CATEGORY_COLUMNS}`,
        [
          patch.name ? requiredText(patch.name, 'name', 80) : before.name,
          parentId,
          patch.color === undefined ? before.color : optionalText(patch.color, 'color', 32),
          patch.icon === undefined ? before.icon : optionalText(patch.icon, 'icon', 64),
          patch.archived ?? before.archived,
          id,
          userId,
        ],
      );
      return toCategoryRecord(row!);
    } catch (error) {
      throw duplicateName(error);
    }
  }

  archive(em: EntityManager, userId: string, id: string): Promise<CategoryRecord> {
    return this.update(em, userId, id, { archived: true });
  }

  /**
   * The default set in the user's language, with a `ledger.category.created` each, inside
   * the caller's transaction; a replay creates (and publishes) nothing twice.
   */
  async createDefaults(em: EntityManager, userId: string, locale: string): Promise<number> {
    const language = languageOf(locale);
    const rows = await query<CategoryRow>(
      em,
      `insert into categories (id, user_id, name, kind, icon, default_key)
       values ${valuesList(DEFAULT_CATEGORIES.length, ['?::uuid', '?::uuid', '?', '?', '?', '?'])}
       on conflict do nothing returning ${CATEGORY_COLUMNS}`,
      DEFAULT_CATEGORIES.flatMap((c) => [
        newId(),
        userId,
        c.names[language],
        c.kind,
        c.icon,
        c.key,
      ]),
    );
    await recordEvents(
      em,
      rows.map((r) =>
        event('ledger.category.created', userId, {
          category: categorySnapshotOf(toCategoryRecord(r)),
        }),
      ),
    );
    return rows.length;
  }
}
