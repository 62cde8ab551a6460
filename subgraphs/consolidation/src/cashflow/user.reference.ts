import { requireScope, Scope, type ReferenceResolver } from '@saldo/kit';
import type { ConsolidationContext } from '../services';
import { User } from './cash-flow.types';

/** `_entities` for User: a user resolves only for itself; anyone else gets null. */
export const resolveUsers: ReferenceResolver<ConsolidationContext> = async (ids, ctx) => {
  const userId = requireScope(ctx.caller, Scope.LEDGER_READ);
  return ids.map((id) => (id.toLowerCase() === userId.toLowerCase() ? User.of(userId) : null));
};
