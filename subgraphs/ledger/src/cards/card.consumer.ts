import type { Envelope, HandlerContext, HandlerMap } from '@saldo/kit';
import type { EventType } from '@saldo/events';
import type { CardAccounts } from './card-account';
import { claimVersion, eraseCardSync } from './card-sync';
import type { PaymentTransfers } from './payment-transfer';
import type { PurchaseSync } from './purchase-sync';

type Handler<T extends EventType> = NonNullable<HandlerMap[T]>;

async function run<T extends EventType>(
  handler: Handler<T>,
  event: Envelope<T>,
  ctx: HandlerContext,
): Promise<void> {
  if (typeof handler === 'function') await handler(event, ctx);
  else await handler.batch([event], ctx);
}

/** The user an event belongs to; cards' events always name one. */
function owner(event: { userId: string | null; type: string }): string {
  if (!event.userId) throw new Error(`${event.type} without a user`);
  return event.userId;
}

/**
 * The cards domain's events: each card's CREDIT_CARD account, its purchases' installments
 * (EXPENSE entries) and its invoice payments (TRANSFER entries), all source CARDS with an
 * externalId linking back. Added to `base`; erasure also forgets the applied versions.
 */
export function cardHandlers(
  base: HandlerMap,
  cards: {
    cardAccounts: CardAccounts;
    cardPurchases: PurchaseSync;
    cardPayments: PaymentTransfers;
  },
): HandlerMap {
  const { cardAccounts, cardPurchases, cardPayments } = cards;
  const erase = base['identity.user.deleted'];
  return {
    ...base,
    'identity.user.deleted': async (event, ctx) => {
      if (erase) await run(erase, event, ctx);
      await eraseCardSync(ctx.em, event.data.userId);
    },
    'cards.card.created': async (event, { em }) => {
      const { card } = event.data;
      if (await claimVersion(em, owner(event), card.id, card.version)) {
        await cardAccounts.sync(em, owner(event), card);
      }
    },
    'cards.card.updated': async (event, { em }) => {
      const { card } = event.data;
      if (await claimVersion(em, owner(event), card.id, card.version)) {
        await cardAccounts.sync(em, owner(event), card);
      }
    },
    'cards.purchase.created': (event, { em, log }) =>
      cardPurchases.sync(em, owner(event), event.data.purchase, log),
    'cards.purchase.updated': (event, { em, log }) =>
      cardPurchases.sync(em, owner(event), event.data.purchase, log),
    'cards.purchase.deleted': (event, { em, log }) =>
      cardPurchases.sync(em, owner(event), event.data.purchase, log),
    'cards.purchase.refunded': (event, { em, log }) =>
      cardPurchases.sync(em, owner(event), event.data.purchase, log),
    'cards.payment.requested': (event, { em, log }) =>
      cardPayments.book(em, owner(event), event.data.payment, log),
  };
}
