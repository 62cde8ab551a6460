import type { LocalDate } from '@saldo/kit';
import type { EntryState } from './entry-state';

/** Change to one account's day. */
export interface AccountDayDelta {
  accountId: string;
  userId: string;
  day: LocalDate;
  currency: string;
  credits: bigint;
  debits: bigint;
  entryCount: number;
}

/** Change to one user's day in one currency. */
export interface UserDayDelta {
  userId: string;
  day: LocalDate;
  currency: string;
  credits: bigint;
  debits: bigint;
  entryCount: number;
}

type Movement = { credits: bigint; debits: bigint; entryCount: number };

/** A net amount as credits (money in) or debits (money out, positive). */
function split(net: bigint, sign: bigint): { credits: bigint; debits: bigint } {
  return net >= 0n ? { credits: net * sign, debits: 0n } : { credits: 0n, debits: -net * sign };
}

/** Net amounts of an entry's postings per key (entries have a handful: arrays beat maps). */
function netBy(
  postings: EntryState['postings'],
  key: 'accountId' | 'currency',
): { key: string; currency: string; net: bigint }[] {
  const sums: { key: string; currency: string; net: bigint }[] = [];
  for (const p of postings) {
    const seen = sums.find((x) => x.key === p[key]);
    if (seen) seen.net += p.amount;
    else sums.push({ key: p[key], currency: p.currency, net: p.amount });
  }
  return sums;
}

function isZero(m: Movement): boolean {
  return m.credits === 0n && m.debits === 0n && m.entryCount === 0;
}

function addTo<T extends Movement>(map: Map<string, T>, key: string, row: T): void {
  const seen = map.get(key);
  if (!seen) map.set(key, row);
  else {
    seen.credits += row.credits;
    seen.debits += row.debits;
    seen.entryCount += row.entryCount;
  }
}

/**
 * Sums what entries add to (or, with sign -1, take from) account-days and user-days.
 * An entry is netted per account and per currency before it counts as credit or debit,
 * so a transfer between two of the user's accounts in one currency is no cash flow.
 */
export class DeltaSet {
  private readonly accountDays = new Map<string, AccountDayDelta>();
  private readonly userDays = new Map<string, UserDayDelta>();

  add(state: EntryState, sign: 1 | -1): void {
    const s = BigInt(sign);
    const { userId, day } = state;
    // Postings on one account share its currency.
    for (const { key: accountId, currency, net } of netBy(state.postings, 'accountId')) {
      const row = { accountId, userId, day, currency, ...split(net, s), entryCount: sign };
      addTo(this.accountDays, `${accountId}|${day}`, row);
    }
    const perCurrency = netBy(state.postings, 'currency');
    if (state.countCurrency !== null && !perCurrency.some((x) => x.key === state.countCurrency))
      perCurrency.push({ key: state.countCurrency, currency: state.countCurrency, net: 0n });
    for (const { currency, net } of perCurrency) {
      const entryCount = currency === state.countCurrency ? sign : 0;
      const row = { userId, day, currency, ...split(net, s), entryCount };
      addTo(this.userDays, `${userId}|${day}|${currency}`, row);
    }
  }

  /** Non-zero account-day changes, ordered by account and day (the lock order). */
  accountDeltas(): AccountDayDelta[] {
    return [...this.accountDays.values()]
      .filter((d) => !isZero(d))
      .sort((a, b) => compare(a.accountId, b.accountId) || compare(a.day, b.day));
  }

  /** Non-zero user-day changes, ordered by user, day and currency. */
  userDeltas(): UserDayDelta[] {
    return [...this.userDays.values()]
      .filter((d) => !isZero(d))
      .sort(
        (a, b) =>
          compare(a.userId, b.userId) || compare(a.day, b.day) || compare(a.currency, b.currency),
      );
  }
}

/** A user's day, with `user|day` as its key. */
export interface DayKey {
  userId: string;
  day: LocalDate;
  key: string;
}

/** The users' days whose numbers change (given both kinds of change), ordered by user and day. */
export function touchedDays(
  accountDays: readonly AccountDayDelta[],
  userDays: readonly UserDayDelta[],
): DayKey[] {
  // `user|day` sorts as (user, day): user ids are fixed-length lower-case uuids.
  const keys = new Set<string>();
  for (const d of accountDays) keys.add(`${d.userId}|${d.day}`);
  for (const d of userDays) keys.add(`${d.userId}|${d.day}`);
  return [...keys].sort().map((key) => {
    const bar = key.indexOf('|');
    return { userId: key.slice(0, bar), day: key.slice(bar + 1), key };
  });
}

/** Byte order of lower-case uuids and ISO dates, as PostgreSQL sorts them. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
