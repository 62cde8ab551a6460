import { monthOf, type EntityManager } from '@saldo/kit';
import { nominalKeyString, type NominalClass } from '../book/postings';
import { queryOne } from '@saldo/kit';
import { EntryKind, EntryStatus, type EntryRecord } from './entry.model';

export interface AccountInfo {
  id: string;
  class: 'ASSET' | 'LIABILITY' | NominalClass;
  currency: string;
  archived: boolean;
  allowNegative: boolean;
  categoryId: string | null;
}

export interface CategoryInfo {
  id: string;
  kind: 'INCOME' | 'EXPENSE';
  archived: boolean;
  parentId: string | null;
}

/** A budget not yet exceeded that an expense in one of the categories could push over. */
export interface BudgetInfo {
  id: string;
  categoryId: string;
  month: string;
  currency: string;
}

/** What validating and posting a set of entries needs to know, read in one round trip. */
export interface EntryContext {
  accounts: Map<string, AccountInfo>;
  /** Nominal account ids by `nominalKeyString`. */
  nominals: Map<string, string>;
  categories: Map<string, CategoryInfo>;
  budgets: BudgetInfo[];
}

interface ContextRow extends Record<string, unknown> {
  accounts: AccountInfo[];
  categories: CategoryInfo[];
  budgets: BudgetInfo[];
}

const CONTEXT_SQL = `
select
  (select coalesce(json_agg(json_build_object('id', a.id, 'class', a.class, 'currency', a.currency,
            'archived', a.archived, 'allowNegative', a.allow_negative, 'categoryId', a.category_id)), '[]')
     from accounts a
    where a.user_id = ?::uuid
      and (a.id = any(array[?]::uuid[])
           or (a.class in ('INCOME', 'EXPENSE', 'EQUITY')
               and (a.category_id is null or a.category_id = any(array[?]::uuid[]))))) as accounts,
  (select coalesce(json_agg(json_build_object('id', c.id, 'kind', c.kind, 'archived', c.archived,
            'parentId', c.parent_id)), '[]')
     from categories c
    where c.user_id = ?::uuid and c.id = any(array[?]::uuid[])) as categories,
  (select coalesce(json_agg(json_build_object('id', b.id, 'categoryId', b.category_id,
            'month', b.month, 'currency', b.currency)), '[]')
     from budgets b
    where b.user_id = ?::uuid and b.exceeded_at is null and b.month = any(array[?]::text[])
      and b.category_id in (select c.id from categories c where c.id = any(array[?]::uuid[])
                            union all
                            select c.parent_id from categories c where c.id = any(array[?]::uuid[]))) as budgets`;

/**
 * Loads the user's accounts named by the entries, the nominal accounts their categories
 * may post to, the categories, and the open budgets of the entries' months.
 */
export async function loadEntryContext(
  em: EntityManager,
  userId: string,
  accountIds: readonly string[],
  categoryIds: readonly string[],
  budgetMonths: readonly string[],
): Promise<EntryContext> {
  const cats = [...new Set(categoryIds)];
  const row = await queryOne<ContextRow>(em, CONTEXT_SQL, [
    userId,
    [...new Set(accountIds)],
    cats,
    userId,
    cats,
    userId,
    [...new Set(budgetMonths)],
    cats,
    cats,
  ]);
  const context: EntryContext = {
    accounts: new Map(),
    nominals: new Map(),
    categories: new Map((row?.categories ?? []).map((c) => [c.id, c])),
    budgets: row?.budgets ?? [],
  };
  for (const a of row?.accounts ?? []) {
    if (a.class === 'ASSET' || a.class === 'LIABILITY') context.accounts.set(a.id, a);
    else {
      const key = { class: a.class, currency: a.currency, categoryId: a.categoryId };
      context.nominals.set(nominalKeyString(key), a.id);
    }
  }
  return context;
}

/** Open budgets that posted expenses among `entries` count towards (category or parent). */
export function openBudgetsFor(ctx: EntryContext, entries: readonly EntryRecord[]): string[] {
  const ids: string[] = [];
  for (const e of entries) {
    if (e.kind !== EntryKind.EXPENSE || e.status !== EntryStatus.POSTED || !e.categoryId) continue;
    if (e.deleted) continue;
    const parent = ctx.categories.get(e.categoryId)?.parentId ?? null;
    for (const b of ctx.budgets) {
      const inCategory = b.categoryId === e.categoryId || b.categoryId === parent;
      if (inCategory && b.month === monthOf(e.date) && b.currency === e.currency) ids.push(b.id);
    }
  }
  return ids;
}

/** Accounts that refuse a negative balance, for naming the one an overdraft hit. */
export function noOverdraftIds(ctx: EntryContext): Set<string> {
  return new Set([...ctx.accounts.values()].filter((a) => !a.allowNegative).map((a) => a.id));
}
