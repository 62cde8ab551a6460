import {
  byKeys,
  requireScope,
  Scope,
  type ReferenceResolver,
  type RequestContext,
  callerOnlyUserReference,
} from '@saldo/kit';
import { User } from './users/user.types';
import { accountService } from './accounts/account.service';
import { Account } from './accounts/account.types';
import { categoryService } from './categories/category.service';
import { Category } from './categories/category.types';
import { entryService } from './entries/entry.service';
import { Entry } from './entries/entry.types';

/** Other subgraphs reach the ledger's entities through `_entities`: same scope as a query. */
const reader = (ctx: RequestContext) => requireScope(ctx.caller, Scope.LEDGER_READ);

/** Batched per request by the kit; another user's id resolves to null. */
export const references: Record<string, ReferenceResolver> = {
  Account: async (ids, ctx) => {
    const rows = await accountService.byIds(ctx.em, reader(ctx), ids);
    return byKeys(
      ids,
      rows.map((r) => Account.from(r)),
      (a) => a.id,
    );
  },
  Category: async (ids, ctx) => {
    const rows = await categoryService.byIds(ctx.em, reader(ctx), ids);
    return byKeys(
      ids,
      rows.map((r) => Category.from(r)),
      (c) => c.id,
    );
  },
  Entry: async (ids, ctx) => {
    const rows = await entryService.byIds(ctx.em, reader(ctx), ids);
    return byKeys(
      ids,
      rows.map((r) => Entry.from(r)),
      (e) => e.id,
    );
  },
  User: callerOnlyUserReference(Scope.LEDGER_READ, (id) => User.of(id)),
};
