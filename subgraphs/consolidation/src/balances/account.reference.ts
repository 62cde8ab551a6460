import { requireScope, Scope, type ReferenceResolver } from '@saldo/kit';
import type { ConsolidationContext } from '../services';
import { Account } from './daily-balance.types';

/** `_entities` for Account: only the owner's accounts resolve; any other id is null. */
export const resolveAccounts: ReferenceResolver<ConsolidationContext> = async (ids, ctx) => {
  const userId = requireScope(ctx.caller, Scope.LEDGER_READ);
  const owned = await ctx.services.balances.owned(ctx.em, userId, ids);
  return ids.map((id) => (owned.has(id.toLowerCase()) ? Account.of(id) : null));
};
