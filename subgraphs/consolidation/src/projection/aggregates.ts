import type { BatchPlan } from './batch-plan';
import { compare, type AccountDayDelta, type UserDayDelta } from './deltas';

export type AggregateRows = Pick<BatchPlan, 'accounts' | 'accountDays' | 'userDays'>;

const isZero = (d: { credits: bigint; debits: bigint; entryCount: number }) =>
  d.credits === 0n && d.debits === 0n && d.entryCount === 0;

function merge<T extends { credits: bigint; debits: bigint; entryCount: number }>(
  map: Map<string, T>,
  key: string,
  row: T,
): void {
  const seen = map.get(key);
  if (!seen) map.set(key, { ...row });
  else {
    seen.credits += row.credits;
    seen.debits += row.debits;
    seen.entryCount += row.entryCount;
  }
}

/**
 * Account-day and user-day deltas summed in memory across batches (a rebuild writes
 * them once per many batches: most entries land on rows other entries touched).
 */
export class Aggregates {
  private accountDays = new Map<string, AccountDayDelta>();
  private userDays = new Map<string, UserDayDelta>();
  private accounts = new Map<string, AggregateRows['accounts'][number]>();

  add(plan: AggregateRows): void {
    for (const d of plan.accountDays) merge(this.accountDays, `${d.accountId}|${d.day}`, d);
    for (const d of plan.userDays) merge(this.userDays, `${d.userId}|${d.day}|${d.currency}`, d);
    for (const a of plan.accounts) if (!this.accounts.has(a.id)) this.accounts.set(a.id, a);
  }

  get size(): number {
    return this.accountDays.size + this.userDays.size;
  }

  /** Everything summed so far, in lock order, and a fresh start. */
  drain(): AggregateRows {
    const rows: AggregateRows = {
      accounts: [...this.accounts.values()].sort((a, b) => compare(a.id, b.id)),
      accountDays: [...this.accountDays.values()]
        .filter((d) => !isZero(d))
        .sort((a, b) => compare(a.accountId, b.accountId) || compare(a.day, b.day)),
      userDays: [...this.userDays.values()]
        .filter((d) => !isZero(d))
        .sort(
          (a, b) =>
            compare(a.userId, b.userId) || compare(a.day, b.day) || compare(a.currency, b.currency),
        ),
    };
    this.accountDays = new Map();
    this.userDays = new Map();
    this.accounts = new Map();
    return rows;
  }
}
