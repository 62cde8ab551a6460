import {
  byKeys,
  requireScope,
  Scope,
  type ReferenceResolver,
  callerOnlyUserReference,
} from '@saldo/kit';
import { User } from './common/stubs';
import { Card } from './cards/card.types';
import { Invoice } from './invoices/invoice.types';
import type { CardsContext } from './services';

/** Other subgraphs reach cards' entities through `_entities`: same scope as a query. */
const reader = (ctx: CardsContext) => requireScope(ctx.caller, Scope.CARDS_READ);

/** Batched per request by the kit; another user's id resolves to null. */
export const references: Record<string, ReferenceResolver<CardsContext>> = {
  Card: async (ids, ctx) => {
    const rows = await ctx.services.cards.byIds(ctx.em, reader(ctx), ids);
    return byKeys(
      ids,
      rows.map((r) => Card.from(r)),
      (c) => c.id,
    );
  },
  Invoice: async (ids, ctx) => {
    const rows = await ctx.services.invoices.byIds(ctx.em, reader(ctx), ids);
    return byKeys(
      ids,
      rows.map((r) => Invoice.from(r)),
      (i) => i.id,
    );
  },
  User: callerOnlyUserReference(Scope.CARDS_READ, (id) => User.of(id)),
};
