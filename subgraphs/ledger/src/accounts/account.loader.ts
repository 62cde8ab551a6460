import { byKeys } from '@saldo/kit';
import { userOf } from '../common/request';
import type { LedgerContext } from '../services';
import type { AccountRecord } from './account.model';

/** The caller's accounts by id, batched per request; another user's id gives null. */
export const accountLoader = (ctx: LedgerContext) =>
  ctx.loader<string, AccountRecord | null>('accounts', async (ids) =>
    byKeys(ids, await ctx.services.accounts.byIds(ctx.em, userOf(ctx), ids), (a) => a.id),
  );
