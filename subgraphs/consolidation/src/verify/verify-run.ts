import type { EntityManager } from '@saldo/kit';
import { findDrift, type Drift } from './drift';
import type { LedgerBalances } from './ledger-balances';
import { projectedBalances, projectedUsers } from './projected';

export interface VerifySummary {
  users: number;
  accounts: number;
  drifted: number;
}

/** Compares one page of users; returns how many accounts it looked at. */
async function verifyUsers(
  em: EntityManager,
  ledger: LedgerBalances,
  users: readonly string[],
  summary: VerifySummary,
  onDrift: (drift: Drift) => void,
): Promise<void> {
  const mine = await projectedBalances(em, users);
  for (const drift of findDrift(mine, await ledger.fetchLedgerBalances(users))) {
    summary.drifted += 1;
    onDrift(drift);
  }
  summary.users += users.length;
  summary.accounts += mine.length;
}

/** Walks the projection's users a page at a time and reports each drifting account. */
export async function verifyProjection(
  em: EntityManager,
  ledger: LedgerBalances,
  onDrift: (drift: Drift) => void,
  pageSize = 100,
): Promise<VerifySummary> {
  const summary: VerifySummary = { users: 0, accounts: 0, drifted: 0 };
  const only = await ledger.users();
  if (only) {
    await verifyUsers(em, ledger, only, summary, onDrift);
    return summary;
  }
  for (let after: string | null = null; ;) {
    const users = await projectedUsers(em, after, pageSize);
    if (users.length === 0) return summary;
    await verifyUsers(em, ledger, users, summary, onDrift);
    after = users[users.length - 1]!;
  }
}
