import { event, toMoney, type EntityManager, type PendingEvent } from '@saldo/kit';
import { insufficientFunds } from '../common/errors';
import { pgError, query, valuesList } from '@saldo/kit';

/** An account's balance after a change, as the update returned it. */
export interface AppliedBalance {
  accountId: string;
  balance: bigint;
  delta: bigint;
  currency: string;
  real: boolean;
}

export interface BalanceRow extends Record<string, unknown> {
  id: string;
  balance: string;
  currency: string;
  class: string;
}

/** The SQL that locks `?` (an array of account ids) in id order: a stable lock order. */
export const LOCK_IN_ORDER =
  'select id from accounts where id = any(array[?]::uuid[]) order by id for update';

/**
 * Adds `deltas` to the balances in one statement. Rows are locked in id order first
 * (a stable order, so two entries touching the same accounts cannot deadlock). The
 * `accounts_overdraft` CHECK refuses a negative balance where it is not allowed; that
 * becomes INSUFFICIENT_FUNDS, naming the account when only one could have caused it.
 */
export async function applyDeltas(
  em: EntityManager,
  userId: string,
  deltas: ReadonlyMap<string, bigint>,
  noOverdraft: ReadonlySet<string>,
): Promise<AppliedBalance[]> {
  if (deltas.size === 0) return [];
  const ids = [...deltas.keys()];
  const params = ids.flatMap((id) => [id, deltas.get(id) ?? 0n]);
  let rows: BalanceRow[];
  try {
    rows = await query<BalanceRow>(
      em,
      `update accounts a set balance = a.balance + d.delta, updated_at = now()
         from (values ${valuesList(ids.length, ['?::uuid', '?::bigint'])}) d(id, delta)
        where a.id = d.id and a.user_id = ?::uuid
          and a.id in (${LOCK_IN_ORDER})
        returning a.id, a.balance, a.currency, a.class`,
      [...params, userId, ids],
    );
  } catch (error) {
    throw overdraftError(error, deltas, noOverdraft);
  }
  if (rows.length !== ids.length) throw new Error('an account vanished during a balance update');
  return rows.map((r) => appliedOf(r, deltas));
}

export function appliedOf(row: BalanceRow, deltas: ReadonlyMap<string, bigint>): AppliedBalance {
  return {
    accountId: row.id,
    balance: BigInt(row.balance),
    delta: deltas.get(row.id) ?? 0n,
    currency: row.currency,
    real: row.class === 'ASSET' || row.class === 'LIABILITY',
  };
}

/** INSUFFICIENT_FUNDS for a violated `accounts_overdraft`; any other error unchanged. */
export function overdraftError(
  error: unknown,
  deltas: ReadonlyMap<string, bigint>,
  noOverdraft: ReadonlySet<string>,
): unknown {
  const { code, constraint } = pgError(error);
  if (code !== '23514' || constraint !== 'accounts_overdraft') return error;
  const suspects = [...deltas].filter(([id, delta]) => noOverdraft.has(id) && delta < 0n);
  return insufficientFunds(suspects.length === 1 ? suspects[0]![0] : null);
}

/**
 * One `ledger.balance.changed` per real account the change moved; `entryId` names the
 * entry when exactly one entry caused it (a batch or an initial balance gives null).
 */
export function balanceEvents(
  userId: string,
  applied: readonly AppliedBalance[],
  entryOf: (accountId: string) => string | null,
): PendingEvent[] {
  return applied
    .filter((a) => a.real)
    .sort((a, b) => (a.accountId < b.accountId ? -1 : 1))
    .map((a) =>
      event('ledger.balance.changed', userId, {
        accountId: a.accountId,
        balance: toMoney(a.balance, a.currency),
        delta: toMoney(a.delta, a.currency),
        entryId: entryOf(a.accountId),
      }),
    );
}
