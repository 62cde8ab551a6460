import type { CategorySnapshot } from '@saldo/events';
import { toDate } from '@saldo/kit';

export enum CategoryKind {
  INCOME = 'INCOME',
  EXPENSE = 'EXPENSE',
}

/** Categories nest one level: a top-level category and its subcategories. */
export interface CategoryRecord {
  id: string;
  userId: string;
  name: string;
  kind: CategoryKind;
  parentId: string | null;
  color: string | null;
  icon: string | null;
  archived: boolean;
  /** The built-in category's key (salary, groceries, ...); null for the user's own. */
  defaultKey: string | null;
  createdAt: Date;
}

export const CATEGORY_COLUMNS =
  'id, user_id, name, kind, parent_id, color, icon, archived, default_key, created_at';

export interface CategoryRow extends Record<string, unknown> {
  id: string;
  user_id: string;
  name: string;
  kind: CategoryKind;
  parent_id: string | null;
  color: string | null;
  icon: string | null;
  archived: boolean;
  default_key: string | null;
  created_at: string;
}

export function toCategoryRecord(row: CategoryRow): CategoryRecord {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    kind: row.kind,
    parentId: row.parent_id,
    color: row.color,
    icon: row.icon,
    archived: row.archived,
    defaultKey: row.default_key,
    createdAt: toDate(row.created_at),
  };
}

/** The category as `ledger.category.*` events carry it. */
export function categorySnapshotOf(c: CategoryRecord): CategorySnapshot {
  return {
    id: c.id,
    userId: c.userId,
    name: c.name,
    kind: c.kind,
    parentId: c.parentId,
    archived: c.archived,
    defaultKey: c.defaultKey,
  };
}
