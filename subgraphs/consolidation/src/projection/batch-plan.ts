import {
  DeltaSet,
  compare,
  touchedDays,
  type AccountDayDelta,
  type DayKey,
  type UserDayDelta,
} from './deltas';
import type { EntryState } from './entry-state';

/** An account as the projection needs it: owner, currency, balance before any entry. */
export interface AccountState {
  id: string;
  userId: string;
  currency: string;
  initialBalance: bigint;
  /** UUIDv7 of the event that said so: a later event id wins. */
  eventId: string;
}

/** Everything one batch of entry versions writes, computed before any write. */
export interface BatchPlan {
  /** New latest versions to store (older or equal versions are dropped). */
  entries: EntryState[];
  /** Ids of those entries that replace a stored version (the others are new). */
  replaced: ReadonlySet<string>;
  accountDays: AccountDayDelta[];
  userDays: UserDayDelta[];
  touchedDays: DayKey[];
  /** Accounts the postings mention (created from postings if no account event came yet). */
  accounts: { id: string; userId: string; currency: string }[];
}

/**
 * Diffs each entry's newest version in the batch against the version the projection
 * holds: the old version's contribution comes off, the new one's goes on. A version
 * not newer than the stored one changes nothing, whatever order versions arrive in.
 */
export function planBatch(
  incoming: readonly EntryState[],
  stored: ReadonlyMap<string, EntryState>,
): BatchPlan {
  const deltas = new DeltaSet();
  const entries: EntryState[] = [];
  const replaced = new Set<string>();
  for (const next of incoming) {
    const old = stored.get(next.id);
    if (old && old.version >= next.version) continue;
    if (old) {
      deltas.add(old, -1);
      replaced.add(next.id);
    }
    deltas.add(next, 1);
    entries.push(next);
  }
  const accountDays = deltas.accountDeltas();
  const userDays = deltas.userDeltas();
  const accounts = new Map<string, { id: string; userId: string; currency: string }>();
  for (const d of accountDays)
    accounts.set(d.accountId, { id: d.accountId, userId: d.userId, currency: d.currency });
  return {
    entries: entries.sort((a, b) => compare(a.id, b.id)),
    replaced,
    accountDays,
    userDays,
    touchedDays: touchedDays(accountDays, userDays),
    accounts: [...accounts.values()],
  };
}
