import { byKeys } from '@saldo/kit';
import type DataLoader from 'dataloader';
import type { CardRecord } from '../cards/card.model';
import type { InvoiceItemRecord } from '../invoices/invoice-items';
import type { InvoiceRecord } from '../invoices/invoice.model';
import type { PaymentRecord } from '../payments/payment.model';
import type { InstallmentRecord, PurchaseRecord, RefundRecord } from '../purchases/purchase.model';
import type { CardsContext } from '../services';
import { groupBy } from './connections';
import { userOf } from '@saldo/kit';

// Per-request DataLoaders: a list of 500 invoices costs one query per field, not 500.

/**
 * Loads through a batching loader without keeping the result: the loads of one tick
 * share a statement, and a later read (a mutation's answer after another write in the
 * same request) sees fresh rows. For loaders named by their arguments, which
 * `forgetLoaded` cannot list.
 */
export async function loadOnce<K, V>(loader: DataLoader<K, V>, key: K): Promise<V> {
  try {
    return await loader.load(key);
  } finally {
    loader.clear(key);
  }
}

export const cardLoader = (ctx: CardsContext) =>
  ctx.loader<string, CardRecord | null>('cards', async (ids) =>
    byKeys(ids, await ctx.services.cards.byIds(ctx.em, userOf(ctx), ids), (c) => c.id),
  );

/** What each card owes, by card id (the cards were already scoped to the caller). */
export const usedLoader = (ctx: CardsContext) =>
  ctx.loader<string, bigint>('used', async (ids) => {
    const used = await ctx.services.cards.used(ctx.em, ids);
    return ids.map((id) => used.get(id) ?? 0n);
  });

export const invoiceLoader = (ctx: CardsContext) =>
  ctx.loader<string, InvoiceRecord | null>('invoices', async (ids) =>
    byKeys(ids, await ctx.services.invoices.byIds(ctx.em, userOf(ctx), ids), (i) => i.id),
  );

export const currentInvoiceLoader = (ctx: CardsContext) =>
  ctx.loader<string, InvoiceRecord | null>('currentInvoices', async (cardIds) =>
    byKeys(cardIds, await ctx.services.invoices.current(ctx.em, cardIds), (i) => i.cardId),
  );

export const itemsLoader = (ctx: CardsContext) =>
  ctx.loader<string, InvoiceItemRecord[]>('items', async (invoiceIds) =>
    groupBy(
      invoiceIds,
      await ctx.services.invoices.itemsOf(ctx.em, invoiceIds),
      (i) => i.invoiceId,
    ),
  );

export const paymentsLoader = (ctx: CardsContext) =>
  ctx.loader<string, PaymentRecord[]>('payments', async (invoiceIds) =>
    groupBy(
      invoiceIds,
      await ctx.services.payments.ofInvoices(ctx.em, userOf(ctx), invoiceIds),
      (p) => p.invoiceId,
    ),
  );

export const purchaseLoader = (ctx: CardsContext) =>
  ctx.loader<string, PurchaseRecord | null>('purchases', async (ids) =>
    byKeys(ids, await ctx.services.purchases.byIds(ctx.em, userOf(ctx), ids), (p) => p.id),
  );

export const installmentsLoader = (ctx: CardsContext) =>
  ctx.loader<string, InstallmentRecord[]>('installments', async (purchaseIds) =>
    groupBy(
      purchaseIds,
      await ctx.services.purchases.installmentsOf(ctx.em, purchaseIds),
      (i) => i.purchaseId,
    ),
  );

export const refundsLoader = (ctx: CardsContext) =>
  ctx.loader<string, RefundRecord[]>('refunds', async (purchaseIds) =>
    groupBy(
      purchaseIds,
      await ctx.services.purchases.refundsOf(ctx.em, purchaseIds),
      (r) => r.purchaseId,
    ),
  );

/** Drops what this request already loaded, after a write. */
export function forgetLoaded(ctx: CardsContext): void {
  for (const loader of [cardLoader, usedLoader, invoiceLoader, currentInvoiceLoader, itemsLoader]) {
    loader(ctx).clearAll();
  }
  for (const loader of [paymentsLoader, purchaseLoader, installmentsLoader, refundsLoader]) {
    loader(ctx).clearAll();
  }
}
