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

/** Compares each account's latest closing in the projection with the ledger's balance. */
export function findDrift(projected: readonly Balance[], ledger: readonly Balance[]): Drift[] {
  const theirs = new Map(ledger.map((b) => [b.accountId, b]));
  const drift: Drift[] = [];
  for (const mine of projected) {
    const other = theirs.get(mine.accountId);
    theirs.delete(mine.accountId);
    if (!other) {
      drift.push(row(mine, null, 'MISSING_IN_LEDGER'));
    } else if (other.currency !== mine.currency) drift.push(row(mine, other, 'CURRENCY'));
    else if (other.amount !== mine.amount) drift.push(row(mine, other, 'AMOUNT'));
  }
  for (const other of theirs.values()) drift.push(row(null, other, 'MISSING_IN_PROJECTION'));
  return drift;
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
