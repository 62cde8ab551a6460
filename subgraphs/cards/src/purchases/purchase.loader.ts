import type { ConnectionValue, PageArgs } from '@saldo/kit';
import { userOf } from '@saldo/kit';
import type { CardsContext } from '../services';
import type { PurchaseRecord } from './purchase.model';

/**
 * `Card.purchases` for every card of the request: one loader per set of arguments (they
 * are in its name), so 100 cards with the same arguments cost one statement.
 * Load with `loadOnce`: pages are not kept across writes.
 */
export const cardPurchasesLoader = (ctx: CardsContext, page: PageArgs) =>
  ctx.loader<string, ConnectionValue<PurchaseRecord>>(
    `cardPurchases:${JSON.stringify([page.first ?? null, page.after ?? null])}`,
    (cardIds) => ctx.services.purchases.pagesOfCards(ctx.em, userOf(ctx), cardIds, page),
  );
