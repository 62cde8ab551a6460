import { requireScope, type Scope } from './auth';
import type { RequestContext } from './context';
import type { ReferenceResolver } from './schema';

/**
 * `_entities` for `User` in a subgraph that extends it: a user resolves only for
 * itself (and with `scope`); anyone else's id resolves to null. `of` builds the
 * subgraph's own `User` stub: each subgraph keeps its own class, because type-graphql
 * gathers a shared class's field resolvers from every subgraph loaded in one process.
 */
export function callerOnlyUserReference(
  scope: Scope,
  of: (id: string) => object,
): ReferenceResolver<RequestContext<unknown>> {
  return async (ids, ctx) => {
    const userId = requireScope(ctx.caller, scope).toLowerCase();
    return ids.map((id) => (id.toLowerCase() === userId ? of(id) : null));
  };
}
