import { isUuid, type EntityManager } from '@saldo/kit';
import { query, queryOne, type SqlValue } from '@saldo/kit';
import {
  RECURRENCE_COLUMNS,
  toRecurrenceRecord,
  type RecurrenceRecord,
  type RecurrenceRow,
} from './recurrence.model';

function values(r: RecurrenceRecord): SqlValue[] {
  const { rule, template: t } = r;
  return [
    r.status,
    rule.frequency,
    rule.interval,
    rule.dayOfMonth,
    rule.startDate,
    rule.endDate,
    rule.count,
    rule.weekendPolicy,
    r.autoPost,
    r.timeZone,
    t.kind,
    t.accountId,
    t.toAccountId,
    t.categoryId,
    t.amount,
    t.currency,
    t.toAmount,
    t.toCurrency,
    t.description,
    t.notes,
    t.tags,
    r.nextIndex,
    r.nextDate,
    r.lastError,
  ];
}

// Column and placeholder (with cast) pairs, in the order `values()` lists them.
const COLUMNS: readonly [string, string][] = [
  ['status', '?'],
  ['frequency', '?'],
  ['interval', '?::int'],
  ['day_of_month', '?::smallint'],
  ['start_date', '?::date'],
  ['end_date', '?::date'],
  ['count', '?::int'],
  ['weekend_policy', '?'],
  ['auto_post', '?::boolean'],
  ['time_zone', '?'],
  ['kind', '?'],
  ['account_id', '?::uuid'],
  ['to_account_id', '?::uuid'],
  ['category_id', '?::uuid'],
  ['amount', '?::bigint'],
  ['currency', '?'],
  ['to_amount', '?::bigint'],
  ['to_currency', '?'],
  ['description', '?'],
  ['notes', '?'],
  ['tags', 'array[?]::text[]'],
  ['next_index', '?::int'],
  ['next_date', '?::date'],
  ['last_error', '?'],
];

/** SQL for recurrences; the user's own ones unless a method says otherwise. */
export class RecurrenceRepository {
  async insert(em: EntityManager, r: RecurrenceRecord): Promise<void> {
    await query(
      em,
      `insert into recurrences (id, user_id, ${COLUMNS.map(([c]) => c).join(', ')})
       values (?::uuid, ?::uuid, ${COLUMNS.map(([, p]) => p).join(', ')})`,
      [r.id, r.userId, ...values(r)],
    );
  }

  async save(em: EntityManager, r: RecurrenceRecord): Promise<void> {
    await query(
      em,
      `update recurrences set ${COLUMNS.map(([c, p]) => `${c} = ${p}`).join(', ')}, version = version + 1, updated_at = now()
        where id = ?::uuid and user_id = ?::uuid`,
      [...values(r), r.id, r.userId],
    );
  }

  async byIds(
    em: EntityManager,
    userId: string,
    ids: readonly string[],
  ): Promise<RecurrenceRecord[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const rows = await query<RecurrenceRow>(
      em,
      `select ${RECURRENCE_COLUMNS} from recurrences where user_id = ?::uuid and id = any(array[?]::uuid[])`,
      [userId, valid],
    );
    return rows.map(toRecurrenceRecord);
  }

  /** Locks one recurrence; `skipLocked` lets concurrent schedulers share the work. */
  async lock(
    em: EntityManager,
    id: string,
    options: { userId?: string; skipLocked?: boolean } = {},
  ): Promise<RecurrenceRecord | null> {
    const owner = options.userId ? 'and user_id = ?::uuid' : '';
    const row = await queryOne<RecurrenceRow>(
      em,
      `select ${RECURRENCE_COLUMNS} from recurrences where id = ?::uuid ${owner}
          for update${options.skipLocked ? ' skip locked' : ''}`,
      options.userId ? [id, options.userId] : [id],
    );
    return row ? toRecurrenceRecord(row) : null;
  }

  async list(
    em: EntityManager,
    userId: string,
    includeInactive: boolean,
  ): Promise<RecurrenceRecord[]> {
    const rows = await query<RecurrenceRow>(
      em,
      `select ${RECURRENCE_COLUMNS} from recurrences
        where user_id = ?::uuid ${includeInactive ? '' : `and status in ('ACTIVE', 'PAUSED')`}
        order by created_at, id`,
      [userId],
    );
    return rows.map(toRecurrenceRecord);
  }

  /** Active recurrences with an occurrence scheduled on or before `date`. */
  async dueIds(em: EntityManager, date: string, limit: number): Promise<string[]> {
    const rows = await query<{ id: string }>(
      em,
      `select id from recurrences where status = 'ACTIVE' and next_date <= ?::date
        order by next_date, id limit ${limit}`,
      [date],
    );
    return rows.map((r) => r.id);
  }

  /** Pending occurrences dated after `date`: what an edit or a cancel withdraws. */
  async futurePending(em: EntityManager, id: string, date: string): Promise<string[]> {
    const rows = await query<{ id: string }>(
      em,
      `select id from entries where recurrence_id = ?::uuid and status = 'PENDING'
          and deleted_at is null and date > ?::date order by date`,
      [id, date],
    );
    return rows.map((r) => r.id);
  }
}
