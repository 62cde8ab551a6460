import { byKeys } from '@saldo/kit';
import { userOf } from '@saldo/kit';
import type { LedgerContext } from '../services';
import type { CategoryRecord } from './category.model';

/** The caller's categories by id, batched per request; another user's id gives null. */
export const categoryLoader = (ctx: LedgerContext) =>
  ctx.loader<string, CategoryRecord | null>('categories', async (ids) =>
    byKeys(ids, await ctx.services.categories.byIds(ctx.em, userOf(ctx), ids), (c) => c.id),
  );
