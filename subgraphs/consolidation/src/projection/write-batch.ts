import { query } from '@saldo/kit';
import type { EntityManager, LocalDate, SqlValue } from '@saldo/kit';
import type { AggregateRows } from './aggregates';
import type { BatchPlan } from './batch-plan';
import type { DayKey } from './deltas';
import type { EntryState } from './entry-state';

// Per-row arrays travel as array literals inside one text[] parameter.
const literal = (values: readonly (string | bigint)[]) => `{${values.join(',')}}`;

/** Live writes also open and reopen the users' days; a rebuild's do not. */
export interface DayTouch {
  now: Date;
  defaultTimeZone: string;
}

const ENTRY_ROWS = (alias: string) => `unnest(
      ?::uuid[], ?::uuid[], ?::int[], ?::date[], ?::text[], ?::text[], ?::text[], ?::text[])
    as ${alias}(id, user_id, version, day, count_currency, account_ids, amounts, currencies)`;

// New entries are plain inserts and replaced ones updates: the caller has read the stored
// versions under its entry locks, so it knows which is which (and a plain insert costs
// about half of an `on conflict` one).
const ENTRIES = (s: string) => `new_entries as (
  insert into ${s}.entries
    (id, user_id, version, day, count_currency, account_ids, amounts, currencies)
  select id, user_id, version, day, count_currency,
         account_ids::uuid[], amounts::bigint[], currencies::text[]
    from ${ENTRY_ROWS('n')}
), replaced_entries as (
  update ${s}.entries e set
    version = r.version, day = r.day, count_currency = r.count_currency,
    account_ids = r.account_ids::uuid[], amounts = r.amounts::bigint[],
    currencies = r.currencies::text[]
    from ${ENTRY_ROWS('r')}
   where e.user_id = r.user_id and e.id = r.id and e.version < r.version
)`;

// `pending_emit` marks account-days whose update event is due (live writes only).
const AGGREGATES = (s: string) => `acc as (
  insert into ${s}.accounts (id, user_id, currency)
  select * from unnest(?::uuid[], ?::uuid[], ?::text[])
  on conflict (id) do nothing
), ad as (
  insert into ${s}.account_days as d (account_id, day, credits, debits, entry_count, pending_emit)
  select account_id, day, credits, debits, entry_count, ?::boolean
    from unnest(?::uuid[], ?::date[], ?::bigint[], ?::bigint[], ?::int[])
      as t(account_id, day, credits, debits, entry_count)
  on conflict (account_id, day) do update set
    credits = d.credits + excluded.credits, debits = d.debits + excluded.debits,
    entry_count = d.entry_count + excluded.entry_count,
    pending_emit = d.pending_emit or excluded.pending_emit
), ud as (
  insert into ${s}.user_days as d (user_id, day, currency, credits, debits, entry_count)
  select * from unnest(?::uuid[], ?::date[], ?::text[], ?::bigint[], ?::bigint[], ?::int[])
  on conflict (user_id, day, currency) do update set
    credits = d.credits + excluded.credits, debits = d.debits + excluded.debits,
    entry_count = d.entry_count + excluded.entry_count
)`;

// A close never runs beside a writer (see `beginWrite`): open days need no row lock.
// Only users and days not known to exist are inserted; touched days not known open are
// checked for a close, by key (a lateral index look-up, then the row by ctid: the planner
// cannot see how many keys come in, and would otherwise scan all days).
const DAYS = `maybe_closed as (
  select * from unnest(?::uuid[], ?::date[]) as t(user_id, day)
), new_users as (
  insert into users (id, time_zone) select id, ?::text from unnest(?::uuid[]) as u(id)
  on conflict (id) do nothing
), new_days as (
  insert into days (user_id, day, status)
  select user_id, day, 'OPEN' from unnest(?::uuid[], ?::date[]) as n(user_id, day)
  on conflict (user_id, day) do nothing
), closed as (
  select c.tid from maybe_closed t cross join lateral (
    select x.ctid as tid from days x
     where x.user_id = t.user_id and x.day = t.day and x.status = 'CLOSED') c
), reopened as (
  update days d set status = 'REOPENED', reopened_at = ?::timestamptz,
         reopen_count = d.reopen_count + 1
    from closed c where d.ctid = c.tid and d.status = 'CLOSED'
  returning d.user_id, d.day
), history as (
  insert into day_history (user_id, day, action, at)
  select user_id, day, 'REOPENED', ?::timestamptz from reopened
)`;

function entryRows(e: readonly EntryState[]): SqlValue[] {
  return [
    e.map((x) => x.id),
    e.map((x) => x.userId),
    e.map((x) => x.version),
    e.map((x) => x.day),
    e.map((x) => x.countCurrency),
    e.map((x) => literal(x.postings.map((p) => p.accountId))),
    e.map((x) => literal(x.postings.map((p) => p.amount))),
    e.map((x) => literal(x.postings.map((p) => p.currency))),
  ];
}

/** New entries, then replaced ones. */
function entryParams(entries: readonly EntryState[], replaced: ReadonlySet<string>): SqlValue[] {
  return [
    ...entryRows(entries.filter((e) => !replaced.has(e.id))),
    ...entryRows(entries.filter((e) => replaced.has(e.id))),
  ];
}

function aggregateParams(rows: AggregateRows, emit: boolean): SqlValue[] {
  const { accounts: a, accountDays: ad, userDays: ud } = rows;
  return [
    a.map((x) => x.id),
    a.map((x) => x.userId),
    a.map((x) => x.currency),
    emit,
    ad.map((x) => x.accountId),
    ad.map((x) => x.day),
    ad.map((x) => x.credits.toString()),
    ad.map((x) => x.debits.toString()),
    ad.map((x) => x.entryCount),
    ud.map((x) => x.userId),
    ud.map((x) => x.day),
    ud.map((x) => x.currency),
    ud.map((x) => x.credits.toString()),
    ud.map((x) => x.debits.toString()),
    ud.map((x) => x.entryCount),
  ];
}

/**
 * Rows a live batch may have to create besides its sums (only those not known to exist),
 * and the touched days that may be closed (the others are known open).
 */
export interface NewRows {
  users: string[];
  days: DayKey[];
  accounts: BatchPlan['accounts'];
  maybeClosed: DayKey[];
}

/**
 * The live write, in one statement: new entry versions, accounts first seen in
 * postings, the deltas added to account-days and user-days, and the users' days.
 * Returns the days it reopened.
 */
export async function writeBatch(
  em: EntityManager,
  schema: string,
  plan: BatchPlan,
  fresh: NewRows,
  touch: DayTouch,
): Promise<{ userId: string; day: LocalDate }[]> {
  if (plan.entries.length === 0) return [];
  const days = fresh.maybeClosed;
  const rows = await query<{ user_id: string; day: string }>(
    em,
    `with ${ENTRIES(schema)}, ${AGGREGATES(schema)}, ${DAYS}
     select user_id, day::text as day from reopened`,
    [
      ...entryParams(plan.entries, plan.replaced),
      ...aggregateParams({ ...plan, accounts: fresh.accounts }, true),
      days.map((d) => d.userId),
      days.map((d) => d.day),
      touch.defaultTimeZone,
      fresh.users,
      fresh.days.map((d) => d.userId),
      fresh.days.map((d) => d.day),
      touch.now,
      touch.now,
    ],
  );
  return rows.map((r) => ({ userId: r.user_id, day: r.day }));
}

/** New entry versions only (a rebuild sums the deltas in memory meanwhile). */
export async function writeEntries(
  em: EntityManager,
  schema: string,
  entries: readonly EntryState[],
  replaced: ReadonlySet<string>,
): Promise<void> {
  if (entries.length > 0)
    await query(em, `with ${ENTRIES(schema)} select 1`, entryParams(entries, replaced));
}

/** Adds summed deltas to account-days and user-days (a rebuild's flush). */
export async function writeAggregates(
  em: EntityManager,
  schema: string,
  rows: AggregateRows,
): Promise<void> {
  await query(em, `with ${AGGREGATES(schema)} select 1`, aggregateParams(rows, false));
}
