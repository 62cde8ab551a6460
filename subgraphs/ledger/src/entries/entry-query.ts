import {
  badInput,
  currencyExponent,
  isUuid,
  type CursorKey,
  type EntityManager,
  type PageRequest,
} from '@saldo/kit';
import { likePattern, query, type SqlValue } from '@saldo/kit';
import {
  ENTRY_COLUMNS,
  toEntryRecord,
  type EntryKind,
  type EntryRecord,
  type EntryRow,
  type EntryStatus,
} from './entry.model';

export enum EntryOrder {
  DATE_DESC = 'DATE_DESC',
  DATE_ASC = 'DATE_ASC',
}

export interface EntryFilter {
  accountId?: string | null;
  categoryId?: string | null;
  kind?: EntryKind | null;
  status?: EntryStatus | null;
  from?: string | null;
  to?: string | null;
  search?: string | null;
  minAmount?: string | null;
  maxAmount?: string | null;
  tags?: readonly string[] | null;
}

/** SQL for the currency's exponent: amounts are compared in units, not minor units. */
const EXPONENT_SQL = (() => {
  const groups = new Map<number, string[]>();
  for (const code of Intl.supportedValuesOf('currency')) {
    const exponent = currencyExponent(code);
    if (exponent !== 2) groups.set(exponent, [...(groups.get(exponent) ?? []), `'${code}'`]);
  }
  const whens = [...groups].map(
    ([exp, codes]) => `when e.currency in (${codes.join(', ')}) then ${exp}`,
  );
  return `(case ${whens.join(' ')} else 2 end)`;
})();

const DECIMAL = /^\d+(\.\d+)?$/;

function amountBound(value: string, field: string): string {
  if (!DECIMAL.test(value)) throw badInput('Expected a non-negative decimal', { field });
  return value;
}

/** WHERE conditions (besides the account) for a filter; all scoped to the user. */
function conditions(userId: string, f: EntryFilter): { sql: string[]; params: SqlValue[] } {
  const sql = ['e.user_id = ?::uuid', 'e.deleted_at is null'];
  const params: SqlValue[] = [userId];
  const add = (clause: string, ...values: SqlValue[]) => {
    sql.push(clause);
    params.push(...values);
  };
  if (f.categoryId) add('e.category_id = ?::uuid', f.categoryId);
  if (f.kind) add('e.kind = ?', f.kind);
  if (f.status) add('e.status = ?', f.status);
  if (f.from) add('e.date >= ?::date', f.from);
  if (f.to) add('e.date <= ?::date', f.to);
  if (f.search?.trim()) {
    const pattern = likePattern(f.search.trim());
    add('(e.description ilike ? or e.notes ilike ?)', pattern, pattern);
  }
  if (f.minAmount)
    add(
      `e.amount >= ?::numeric * power(10, ${EXPONENT_SQL})`,
      amountBound(f.minAmount, 'minAmount'),
    );
  if (f.maxAmount)
    add(
      `e.amount <= ?::numeric * power(10, ${EXPONENT_SQL})`,
      amountBound(f.maxAmount, 'maxAmount'),
    );
  if (f.tags?.length) add('e.tags @> array[?]::text[]', [...f.tags]);
  return { sql, params };
}

function keyset(order: EntryOrder, after: CursorKey | null): { sql: string[]; params: SqlValue[] } {
  if (!after) return { sql: [], params: [] };
  const [date, id] = after;
  if (typeof date !== 'string' || typeof id !== 'string' || !isUuid(id)) {
    throw badInput('Invalid cursor', { field: 'after' });
  }
  const op = order === EntryOrder.DATE_DESC ? '<' : '>';
  return { sql: [`(e.date, e.id) ${op} (?::date, ?::uuid)`], params: [date, id] };
}

/**
 * One page of entries in (date, id) order. Every shape is served by an index on
 * (<scope>, date, id): the user's, the account's (both sides of a transfer, merged),
 * or the category's; the remaining filters are checked on the rows the index yields.
 */
export async function listEntries(
  em: EntityManager,
  userId: string,
  filter: EntryFilter,
  order: EntryOrder,
  page: PageRequest,
): Promise<EntryRecord[]> {
  if (
    (filter.categoryId && !isUuid(filter.categoryId)) ||
    (filter.accountId && !isUuid(filter.accountId))
  ) {
    return [];
  }
  const where = conditions(userId, filter);
  const after = keyset(order, page.after);
  const dir = order === EntryOrder.DATE_DESC ? 'desc' : 'asc';
  const orderBy = `order by e.date ${dir}, e.id ${dir} limit ${page.limit}`;
  const clauses = [...where.sql, ...after.sql].join(' and ');
  const params = [...where.params, ...after.params];
  let rows: EntryRow[];
  if (filter.accountId) {
    const side = (column: string) =>
      `(select ${ENTRY_COLUMNS} from entries e where e.${column} = ?::uuid and ${clauses} ${orderBy})`;
    rows = await query<EntryRow>(
      em,
      `select * from (${side('account_id')} union all ${side('to_account_id')}) e ${orderBy}`,
      [filter.accountId, ...params, filter.accountId, ...params],
    );
  } else {
    rows = await query<EntryRow>(
      em,
      `select ${ENTRY_COLUMNS} from entries e where ${clauses} ${orderBy}`,
      params,
    );
  }
  return rows.map(toEntryRecord);
}

/** Live entries of the user by id (any order). */
export async function entriesByIds(
  em: EntityManager,
  userId: string,
  ids: readonly string[],
): Promise<EntryRecord[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  const rows = await query<EntryRow>(
    em,
    `select ${ENTRY_COLUMNS} from entries e
      where e.user_id = ?::uuid and e.id = any(array[?]::uuid[]) and e.deleted_at is null`,
    [userId, valid],
  );
  return rows.map(toEntryRecord);
}
