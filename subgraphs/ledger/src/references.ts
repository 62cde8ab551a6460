import {
  byKeys,
  requireScope,
  Scope,
  type ReferenceResolver,
  callerOnlyUserReference,
} from '@saldo/kit';
import { User } from './users/user.types';
import { Account } from './accounts/account.types';
import { Category } from './categories/category.types';
import { Entry } from './entries/entry.types';
import type { LedgerContext } from './services';

/** Other subgraphs reach the ledger's entities through `_entities`: same scope as a query. */
const reader = (ctx: LedgerContext) => requireScope(ctx.caller, Scope.LEDGER_READ);

/** Batched per request by the kit; another user's id resolves to null. */
export const references: Record<string, ReferenceResolver<LedgerContext>> = {
  Account: async (ids, ctx) => {
    const rows = await ctx.services.accounts.byIds(ctx.em, reader(ctx), ids);
    return byKeys(
      ids,
      rows.map((r) => Account.from(r)),
      (a) => a.id,
    );
  },
  Category: async (ids, ctx) => {
    const rows = await ctx.services.categories.byIds(ctx.em, reader(ctx), ids);
    return byKeys(
      ids,
      rows.map((r) => Category.from(r)),
      (c) => c.id,
    );
  },
  Entry: async (ids, ctx) => {
    const rows = await ctx.services.entries.byIds(ctx.em, reader(ctx), ids);
    return byKeys(
      ids,
      rows.map((r) => Entry.from(r)),
      (e) => e.id,
    );
  },
  User: callerOnlyUserReference(Scope.LEDGER_READ, (id) => User.of(id)),
};
