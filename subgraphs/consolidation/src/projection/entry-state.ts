import { parseAmount, type LocalDate } from '@saldo/kit';
import type { EntrySnapshot } from '@saldo/events';

/** One side of an entry on one of the user's own accounts, in minor units. */
export interface Posting {
  accountId: string;
  amount: bigint;
  currency: string;
}

/** What the projection keeps of an entry's latest applied version. */
export interface EntryState {
  id: string;
  userId: string;
  version: number;
  day: LocalDate;
  /** The currency the entry is counted under in per-user totals; null without postings. */
  countCurrency: string | null;
  postings: Posting[];
}

/** The projection's view of a ledger snapshot: pending and deleted entries move nothing. */
export function entryStateOf(entry: EntrySnapshot): EntryState {
  const postings = entry.deleted
    ? []
    : entry.postings.map((p) => ({
        accountId: p.accountId.toLowerCase(),
        amount: parseAmount(p.amount.amount, p.amount.currency),
        currency: p.amount.currency,
      }));
  // Lower case, as PostgreSQL prints uuids: ids are map keys and lock order here.
  return {
    id: entry.id.toLowerCase(),
    userId: entry.userId.toLowerCase(),
    version: entry.version,
    day: entry.date,
    countCurrency: postings.length > 0 ? entry.amount.currency : null,
    postings,
  };
}

/** Keeps the highest version of each entry (a batch may carry several). */
export function latestVersions(states: readonly EntryState[]): EntryState[] {
  const latest = new Map<string, EntryState>();
  for (const state of states) {
    const seen = latest.get(state.id);
    if (!seen || seen.version < state.version) latest.set(state.id, state);
  }
  return [...latest.values()];
}
