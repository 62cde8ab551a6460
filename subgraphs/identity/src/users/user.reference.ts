import type { ReferenceResolver } from '@saldo/kit';
import type { IdentityContext } from '../services';
import { User } from './user.types';

/** `_entities` for User: a user resolves only for itself; anyone else gets null. */
export const resolveUsers: ReferenceResolver<IdentityContext> = async (ids, ctx) => {
  const rows = await ctx.services.users.visibleTo(ctx.em, ids, ctx.caller.userId);
  return rows.map((row) => (row ? User.from(row) : null));
};
