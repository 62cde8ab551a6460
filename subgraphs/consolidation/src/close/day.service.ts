import {
  localDateAt,
  type EntityManager,
  type LocalDate,
  query,
  queryOne,
  toMinor,
} from '@saldo/kit';
import { instant } from '../common/sql';
import { activeSchema } from '../projection/generation';

export type DayStatusValue = 'OPEN' | 'CLOSED' | 'REOPENED';

export interface DayView {
  date: LocalDate;
  status: DayStatusValue;
  closedAt: Date | null;
  reopenedAt: Date | null;
  totals: { currency: string; credits: bigint; debits: bigint; entryCount: number }[];
  history: { action: 'CLOSED' | 'REOPENED'; at: Date; entryCount: number | null }[];
}

/** A user's day: its close status (kept across rebuilds) and its current numbers. */
export class Days {
  /** Null for a day that has not started yet in the user's time zone. */
  async view(
    em: EntityManager,
    user: { userId: string; timeZone: string },
    date: LocalDate,
    now: Date,
  ): Promise<DayView | null> {
    if (date > localDateAt(now, user.timeZone)) return null;
    const schema = await activeSchema(em);
    const day = await queryOne<{ status: DayStatusValue; closed_at: string; reopened_at: string }>(
      em,
      'select status, closed_at, reopened_at from days where user_id = ? and day = ?::date',
      [user.userId, date],
    );
    const totals = await query<{
      currency: string;
      credits: string;
      debits: string;
      entry_count: number;
    }>(
      em,
      `select currency, credits::text as credits, debits::text as debits, entry_count
         from ${schema}.user_days where user_id = ? and day = ?::date
          and (credits <> 0 or debits <> 0 or entry_count <> 0)
        order by currency`,
      [user.userId, date],
    );
    const history = await query<{
      action: 'CLOSED' | 'REOPENED';
      at: string;
      entry_count: number | null;
    }>(
      em,
      'select action, at, entry_count from day_history where user_id = ? and day = ?::date order by id',
      [user.userId, date],
    );
    return {
      date,
      status: day?.status ?? 'OPEN',
      closedAt: instant(day?.closed_at),
      reopenedAt: instant(day?.reopened_at),
      totals: totals.map((t) => ({
        currency: t.currency,
        credits: toMinor(t.credits),
        debits: toMinor(t.debits),
        entryCount: t.entry_count,
      })),
      history: history.map((h) => ({
        action: h.action,
        at: instant(h.at)!,
        entryCount: h.entry_count,
      })),
    };
  }
}
