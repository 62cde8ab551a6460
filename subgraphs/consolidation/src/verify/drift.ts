import { compare } from '../projection/deltas';

/** An account's balance as one side sees it, in minor units. */
export interface Balance {
  accountId: string;
  userId: string;
  currency: string;
  amount: bigint;
}

export type DriftReason = 'AMOUNT' | 'CURRENCY' | 'MISSING_IN_LEDGER' | 'MISSING_IN_PROJECTION';

export interface Drift {
  accountId: string;
  userId: string;
  reason: DriftReason;
  currency: string;
  projected: string | null;
  ledger: string | null;
  /** projected - ledger, in minor units, when both exist in one currency. */
  difference: string | null;
}

/** One account as both sides see it: null where a side does not have it. */
function compareOne(mine: Balance | null, other: Balance | null): Drift | null {
  if (!other) return row(mine, null, 'MISSING_IN_LEDGER');
  if (!mine) return row(null, other, 'MISSING_IN_PROJECTION');
  if (other.currency !== mine.currency) return row(mine, other, 'CURRENCY');
  if (other.amount !== mine.amount) return row(mine, other, 'AMOUNT');
  return null;
}

/** Compares each account's latest closing in the projection with the ledger's balance. */
export function findDrift(projected: readonly Balance[], ledger: readonly Balance[]): Drift[] {
  const theirs = new Map(ledger.map((b) => [b.accountId, b]));
  const drift: Drift[] = [];
  for (const mine of projected) {
    const found = compareOne(mine, theirs.get(mine.accountId) ?? null);
    theirs.delete(mine.accountId);
    if (found) drift.push(found);
  }
  for (const other of theirs.values()) drift.push(compareOne(null, other)!);
  return drift;
}

/** Reads pages of balances one balance at a time. */
async function* each(pages: AsyncIterable<readonly Balance[]>): AsyncGenerator<Balance> {
  for await (const page of pages) yield* page;
}

/**
 * The same comparison over both sides in full, each streamed in account id order (lower-case
 * uuids, as PostgreSQL orders them): a merge, so neither side is held in memory. `seen` is
 * called for every account of either side.
 */
export async function* streamDrift(
  projected: AsyncIterable<readonly Balance[]>,
  ledger: AsyncIterable<readonly Balance[]>,
  seen: (balance: Balance) => void = () => undefined,
): AsyncGenerator<Drift> {
  const mine = each(projected);
  const theirs = each(ledger);
  let a = await mine.next();
  let b = await theirs.next();
  while (!a.done || !b.done) {
    const order = a.done ? 1 : b.done ? -1 : compare(a.value.accountId, b.value.accountId);
    const left = order <= 0 && !a.done ? a.value : null;
    const right = order >= 0 && !b.done ? b.value : null;
    seen((left ?? right)!);
    const found = compareOne(left, right);
    if (found) yield found;
    if (left) a = await mine.next();
    if (right) b = await theirs.next();
  }
}

function row(mine: Balance | null, other: Balance | null, reason: DriftReason): Drift {
  const any = (mine ?? other)!;
  return {
    accountId: any.accountId,
    userId: any.userId,
    reason,
    currency: any.currency,
    projected: mine ? mine.amount.toString() : null,
    ledger: other ? other.amount.toString() : null,
    difference:
      mine && other && reason === 'AMOUNT' ? (mine.amount - other.amount).toString() : null,
  };
}
