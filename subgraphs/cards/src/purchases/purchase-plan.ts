import {
  badInput,
  event,
  formatAmount,
  monthOf,
  notFound,
  type EntityManager,
  type PendingEvent,
} from '@saldo/kit';
import { invalidState } from '@saldo/kit';
import { limitExceeded } from '../common/errors';
import { idOf } from '../common/input';
import type { CardRecord } from '../cards/card.model';
import { cardRepository } from '../cards/card.repository';
import { addMonthsToMonth } from '../invoices/invoice-cycle';
import { invoiceRepository } from '../invoices/invoice.repository';
import { installmentPlan, type PlannedInstallment } from './installment-plan';
import type { PurchaseTerms } from './purchase-input';
import { purchaseEventData, type PurchaseRecord } from './purchase.model';
import { purchaseRepository as repo } from './purchase.repository';

/**
 * The installments of a purchase on this card, honouring stored invoice dates. A
 * purchase cannot start before the card's first invoice (the one current when the card
 * was added): record what is left of an older purchase as a new one instead. A bank
 * statement's history may (`history`): its invoices are created as they were.
 */
export async function planFor(
  tx: EntityManager,
  card: CardRecord,
  total: bigint,
  terms: PurchaseTerms,
  history = false,
): Promise<PlannedInstallment[]> {
  const month = monthOf(terms.purchaseDate);
  const around = [-1, 0, 1, 2].map((k) => addMonthsToMonth(month, k));
  const stored = await invoiceRepository.datesAround(tx, card.id, around);
  const plan = installmentPlan(total, terms.installmentCount, terms.purchaseDate, card, stored);
  const first = history ? null : await invoiceRepository.firstMonth(tx, card.id);
  if (first !== null && plan[0]!.month < first) {
    throw badInput("The purchase date falls before the card's first invoice", {
      field: 'purchaseDate',
    });
  }
  return plan;
}

/** Refuses `extra` more owed beyond the limit. The caller holds the card's row lock. */
export async function checkLimit(
  tx: EntityManager,
  card: CardRecord,
  extra: bigint,
): Promise<void> {
  if (extra <= 0n) return;
  const used = (await cardRepository.used(tx, [card.id])).get(card.id) ?? 0n;
  if (used + extra > card.limit) {
    throw limitExceeded(formatAmount(card.limit - used, card.currency), card.currency);
  }
}

/** Writes the planned installments on their invoices (created as needed); returns the invoice ids. */
export async function writeInstallments(
  tx: EntityManager,
  card: CardRecord,
  purchase: PurchaseRecord,
  plan: readonly PlannedInstallment[],
): Promise<string[]> {
  const invoiceIds = await invoiceRepository.ensure(
    tx,
    card,
    plan.map((i) => i.month),
  );
  await repo.insertInstallments(tx, purchase, plan, invoiceIds);
  return [...invoiceIds.values()];
}

type PurchaseEventType =
  'cards.purchase.created' | 'cards.purchase.updated' | 'cards.purchase.deleted';

/** The purchase's event with its current installments and refunds. */
export async function purchaseEvent(
  tx: EntityManager,
  type: PurchaseEventType,
  card: CardRecord,
  purchase: PurchaseRecord,
): Promise<PendingEvent> {
  const installments = await repo.installments(tx, [purchase.id]);
  const refunded = await repo.refunded(tx, purchase.id);
  return event(type, card.userId, {
    purchase: purchaseEventData(card, purchase, installments, refunded),
  });
}

/**
 * A live purchase and its card, the card locked first: every write to a card's
 * purchases, invoices and payments holds that lock, so they happen one at a time.
 */
export async function lockPurchase(
  tx: EntityManager,
  userId: string,
  id: string,
): Promise<{ card: CardRecord; purchase: PurchaseRecord }> {
  const found = await repo.byId(tx, userId, idOf(id, 'Purchase', 'id'));
  if (!found || found.deleted) throw notFound('Purchase', id);
  const card = await cardRepository.byId(tx, userId, found.cardId, true);
  const purchase = await repo.byId(tx, userId, id);
  if (!card || !purchase || purchase.deleted) throw notFound('Purchase', id);
  return { card, purchase };
}

/**
 * New installments for a purchase whose amount, date or count changed: the old ones are
 * cancelled (kept as history) and the limit re-checked for what the change adds.
 * Returns every invoice touched.
 */
export async function replan(
  tx: EntityManager,
  card: CardRecord,
  purchase: PurchaseRecord,
  total: bigint,
  terms: PurchaseTerms,
): Promise<string[]> {
  if (card.archived) throw invalidState('The card is archived', { id: purchase.id });
  const plan = await planFor(tx, card, total, terms);
  await checkLimit(tx, card, total - purchase.total);
  const old = await repo.cancelInstallments(tx, purchase.id);
  return [...old, ...(await writeInstallments(tx, card, purchase, plan))];
}
