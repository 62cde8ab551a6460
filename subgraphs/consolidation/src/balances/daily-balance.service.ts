import { query, toMinor } from '@saldo/kit';
import type { EntityManager, LocalDate } from '@saldo/kit';
import { checkRange } from '../common/range';
import { activeSchema } from '../projection/generation';
import { fillDays, type DayBalance, type DayMovement } from './fill-days';

/** One account's days with the account's currency. */
export interface AccountDays {
  accountId: string;
  currency: string;
  days: DayBalance[];
}

/** Reads account-days; opening and closing are running sums from the account's first day. */
export class DailyBalances {
  constructor(private readonly maxRangeDays: number) {}

  /** Which of these accounts the user owns (unknown and foreign ids are left out). */
  async owned(em: EntityManager, userId: string, ids: readonly string[]): Promise<Set<string>> {
    const schema = await activeSchema(em);
    const rows = await query<{ id: string }>(
      em,
      `select id from ${schema}.accounts where id = any(?::uuid[]) and user_id = ?`,
      [ids.map((id) => id.toLowerCase()), userId],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Every day of `from..to` for each of the user's accounts among `ids`. */
  async forAccounts(
    em: EntityManager,
    userId: string,
    ids: readonly string[],
    range: { from: LocalDate; to: LocalDate },
  ): Promise<Map<string, AccountDays>> {
    checkRange(range.from, range.to, this.maxRangeDays);
    const schema = await activeSchema(em);
    const accounts = await query<{ id: string; currency: string; opening: string }>(
      em,
      `select a.id, a.currency, (a.initial_balance + coalesce(
                (select sum(d.credits - d.debits) from ${schema}.account_days d
                  where d.account_id = a.id and d.day < ?::date), 0))::text as opening
         from ${schema}.accounts a where a.id = any(?::uuid[]) and a.user_id = ?`,
      [range.from, ids.map((id) => id.toLowerCase()), userId],
    );
    const movements = await query<{
      account_id: string;
      day: string;
      credits: string;
      debits: string;
      entry_count: number;
    }>(
      em,
      `select account_id, day::text as day, credits::text as credits, debits::text as debits,
              entry_count
         from ${schema}.account_days
        where account_id = any(?::uuid[]) and day between ?::date and ?::date`,
      [accounts.map((a) => a.id), range.from, range.to],
    );
    const byAccount = new Map<string, DayMovement[]>();
    for (const m of movements) {
      const list = byAccount.get(m.account_id) ?? [];
      list.push({
        day: m.day,
        credits: toMinor(m.credits),
        debits: toMinor(m.debits),
        entryCount: m.entry_count,
      });
      byAccount.set(m.account_id, list);
    }
    const result = new Map<string, AccountDays>();
    for (const a of accounts) {
      const days = fillDays(range.from, range.to, toMinor(a.opening), byAccount.get(a.id) ?? []);
      result.set(a.id, { accountId: a.id, currency: a.currency, days });
    }
    return result;
  }
}
