import { byKeys, type RequestContext } from '@saldo/kit';
import { userOf } from '../common/request';
import type { AccountRecord } from './account.model';
import { accountService } from './account.service';

/** The caller's accounts by id, batched per request; another user's id gives null. */
export const accountLoader = (ctx: RequestContext) =>
  ctx.loader<string, AccountRecord | null>('accounts', async (ids) =>
    byKeys(ids, await accountService.byIds(ctx.em, userOf(ctx), ids), (a) => a.id),
  );
