import { byKeys, type RequestContext } from '@saldo/kit';
import { userOf } from '../common/request';
import type { CategoryRecord } from './category.model';
import { categoryService } from './category.service';

/** The caller's categories by id, batched per request; another user's id gives null. */
export const categoryLoader = (ctx: RequestContext) =>
  ctx.loader<string, CategoryRecord | null>('categories', async (ids) =>
    byKeys(ids, await categoryService.byIds(ctx.em, userOf(ctx), ids), (c) => c.id),
  );
