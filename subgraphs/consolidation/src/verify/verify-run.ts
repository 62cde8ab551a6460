import type { EntityManager } from '@saldo/kit';
import { findDrift, streamDrift, type Drift } from './drift';
import type { LedgerBalances } from './ledger-balances';
import { projectedBalancePages, projectedBalances } from './projected';

export interface VerifySummary {
  users: number;
  accounts: number;
  drifted: number;
}

/**
 * Compares the projection with the ledger and reports each drifting account: every account
 * of both sides when the ledger lists them all, otherwise the one user's accounts.
 */
export async function verifyProjection(
  em: EntityManager,
  ledger: LedgerBalances,
  onDrift: (drift: Drift) => void,
  pageSize = 500,
): Promise<VerifySummary> {
  if (ledger.kind === 'one user') {
    const user = await ledger.user();
    if (!user) return { users: 0, accounts: 0, drifted: 0 };
    const mine = await projectedBalances(em, [user.userId]);
    const drift = findDrift(mine, user.balances);
    drift.forEach(onDrift);
    const accounts = new Set([...mine, ...user.balances].map((b) => b.accountId)).size;
    return { users: 1, accounts, drifted: drift.length };
  }
  const users = new Set<string>();
  const summary: VerifySummary = { users: 0, accounts: 0, drifted: 0 };
  const seen = (b: { userId: string }) => {
    summary.accounts += 1;
    users.add(b.userId);
  };
  for await (const drift of streamDrift(
    projectedBalancePages(em, pageSize),
    ledger.pages(),
    seen,
  )) {
    summary.drifted += 1;
    onDrift(drift);
  }
  return { ...summary, users: users.size };
}
