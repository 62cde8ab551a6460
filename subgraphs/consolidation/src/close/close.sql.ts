import { query } from '@saldo/kit';
import type { EntityManager, LocalDate } from '@saldo/kit';
import { excludeWriters } from '../projection/generation';

export interface CurrencyTotal {
  currency: string;
  credits: string;
  debits: string;
  entryCount: number;
}

/** A user's day as it was closed. */
export interface ClosedDay {
  userId: string;
  day: LocalDate;
  closeCount: number;
  entryCount: number;
  totals: CurrencyTotal[];
}

export type DayKey = { userId: string; day: LocalDate };

/**
 * The days of a time zone's users that may close now: OPEN days up to `through` (the
 * day itself is created for every user, active or not) and REOPENED ones whose reopen
 * has settled. Event batches wait meanwhile; FOR UPDATE orders concurrent closers.
 */
export async function lockZoneDays(
  em: EntityManager,
  zone: string,
  through: LocalDate,
  reopenedBefore: Date,
): Promise<DayKey[]> {
  await excludeWriters(em);
  await query(
    em,
    `insert into days (user_id, day, status)
     select id, ?::date, 'OPEN' from users where time_zone = ? order by id
     on conflict do nothing`,
    [through, zone],
  );
  const rows = await query<{ user_id: string; day: string }>(
    em,
    `select d.user_id, d.day::text as day from days d join users u on u.id = d.user_id
      where u.time_zone = ? and d.day <= ?::date and d.status <> 'CLOSED'
        and (d.status = 'OPEN' or d.reopened_at <= ?::timestamptz)
      order by d.user_id, d.day for update of d`,
    [zone, through, reopenedBefore],
  );
  return rows.map((r) => ({ userId: r.user_id, day: r.day }));
}

/** Locks one user's day if it is not closed (creating it as OPEN if new). */
export async function lockUserDay(
  em: EntityManager,
  userId: string,
  day: LocalDate,
): Promise<DayKey[]> {
  await excludeWriters(em);
  await query(
    em,
    `insert into days (user_id, day, status) values (?, ?, 'OPEN') on conflict do nothing`,
    [userId, day],
  );
  const rows = await query<{ user_id: string; day: string }>(
    em,
    `select user_id, day::text as day from days
      where user_id = ? and day = ?::date and status <> 'CLOSED' for update`,
    [userId, day],
  );
  return rows.map((r) => ({ userId: r.user_id, day: r.day }));
}

/**
 * Closes locked days with a snapshot of their totals (in a statement of its own, so
 * it sees every batch the locks waited for), records each close in day_history, and
 * moves the close epoch on (what writers knew to be open no longer holds) and the
 * latest closed day with it.
 */
export async function closeLocked(
  em: EntityManager,
  schema: string,
  days: readonly DayKey[],
  now: Date,
): Promise<ClosedDay[]> {
  if (days.length === 0) return [];
  const rows = await query<{
    user_id: string;
    day: string;
    close_count: number;
    entry_count: number;
    totals: CurrencyTotal[];
  }>(
    em,
    `with c as (
       select * from unnest(?::uuid[], ?::date[]) as c(user_id, day)
     ), t as (
       select c.user_id, c.day, coalesce(sum(u.entry_count), 0)::int as entry_count,
              coalesce(jsonb_agg(jsonb_build_object(
                'currency', u.currency, 'credits', u.credits::text, 'debits', u.debits::text,
                'entryCount', u.entry_count) order by u.currency)
                filter (where u.currency is not null), '[]'::jsonb) as totals
         from c left join ${schema}.user_days u
           on u.user_id = c.user_id and u.day = c.day
          and (u.credits <> 0 or u.debits <> 0 or u.entry_count <> 0)
        group by c.user_id, c.day
     ), upd as (
       update days d set status = 'CLOSED', closed_at = ?::timestamptz,
              close_count = d.close_count + 1, entry_count = t.entry_count, totals = t.totals
         from t where d.user_id = t.user_id and d.day = t.day
       returning d.user_id, d.day, d.close_count, d.entry_count, d.totals
     ), h as (
       insert into day_history (user_id, day, action, at, entry_count, totals)
       select user_id, day, 'CLOSED', ?::timestamptz, entry_count, totals from upd
     ), epoch as (
       update projection_state set close_epoch = close_epoch + 1,
              latest_closed_day = greatest(latest_closed_day, (select max(day) from upd))
        where exists (select from upd)
     )
     select user_id, day::text as day, close_count, entry_count, totals from upd`,
    [days.map((d) => d.userId), days.map((d) => d.day), now, now],
  );
  return rows.map((r) => ({
    userId: r.user_id,
    day: r.day,
    closeCount: r.close_count,
    entryCount: r.entry_count,
    totals: r.totals,
  }));
}
