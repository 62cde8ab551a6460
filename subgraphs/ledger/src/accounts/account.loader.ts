import { byKeys } from '@saldo/kit';
import { userOf } from '@saldo/kit';
import type { LedgerContext } from '../services';
import type { AccountRecord } from './account.model';
import type { BalanceAtQuery } from './account.service';

/** The caller's accounts by id, batched per request; another user's id gives null. */
export const accountLoader = (ctx: LedgerContext) =>
  ctx.loader<string, AccountRecord | null>('accounts', async (ids) =>
    byKeys(ids, await ctx.services.accounts.byIds(ctx.em, userOf(ctx), ids), (a) => a.id),
  );

/**
 * Balances at the end of a day, batched per request: a list of accounts asking for
 * `balanceAt` (on any dates) costs one statement. The accounts come already scoped to
 * the caller. Keys are compared by identity, so nothing is shared between parents.
 */
export const balanceAtLoader = (ctx: LedgerContext) =>
  ctx.loader<BalanceAtQuery, bigint>('balanceAt', (queries) =>
    ctx.services.accounts.balancesAt(ctx.em, queries),
  );
