import type { ConnectionValue, PageArgs } from '@saldo/kit';
import { userOf } from '@saldo/kit';
import type { CardsContext } from '../services';
import type { InvoiceStatus } from './invoice-state';
import type { InvoiceRecord } from './invoice.model';

/**
 * `Card.invoices` for every card of the request: one loader per set of arguments (they
 * are in its name), so 100 cards with the same arguments cost one statement.
 * Load with `loadOnce`: pages are not kept across writes.
 */
export const cardInvoicesLoader = (
  ctx: CardsContext,
  status: InvoiceStatus | null,
  page: PageArgs,
) =>
  ctx.loader<string, ConnectionValue<InvoiceRecord>>(
    `cardInvoices:${JSON.stringify([status, page.first ?? null, page.after ?? null])}`,
    (cardIds) => ctx.services.invoices.pagesOfCards(ctx.em, userOf(ctx), cardIds, status, page),
  );
