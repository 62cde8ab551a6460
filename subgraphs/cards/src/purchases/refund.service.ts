import {
  badInput,
  event,
  monthOf,
  newId,
  recordEvents,
  toMoney,
  type EntityManager,
  type LocalDate,
} from '@saldo/kit';
import { conflict, invalidState } from '@saldo/kit';
import { positiveAmount, requestHash } from '../common/input';
import { queryOne, query } from '@saldo/kit';
import type { CardRecord } from '../cards/card.model';
import type { CardService } from '../cards/card.service';
import { addMonthsToMonth, invoiceMonthFor } from '../invoices/invoice-cycle';
import { refreshInvoices } from '../invoices/invoice-refresh';
import { invoiceRepository } from '../invoices/invoice.repository';
import { keyOf } from './purchase-input';
import { lockPurchase } from './purchase-plan';
import { purchaseEventData, type PurchaseRecord } from './purchase.model';
import { purchaseRepository as repo } from './purchase.repository';

interface Refund {
  id: string;
  purchase: PurchaseRecord;
  amount: bigint;
  invoiceId: string;
  date: LocalDate;
  key: string | null;
  hash: string;
}

/** The open invoice on `today`: the one a refund is credited to. */
async function openInvoiceOn(tx: EntityManager, card: CardRecord, today: LocalDate) {
  const around = [-1, 0, 1, 2].map((k) => addMonthsToMonth(monthOf(today), k));
  const stored = await invoiceRepository.datesAround(tx, card.id, around);
  const month = invoiceMonthFor(today, card, stored);
  return (await invoiceRepository.ensure(tx, card, [month])).get(month)!;
}

/** Inserts unless the idempotency key is taken; returns whether a row was written. */
async function insertRefund(tx: EntityManager, card: CardRecord, r: Refund): Promise<boolean> {
  const rows = await query<{ id: string }>(
    tx,
    `insert into invoice_adjustments (id, user_id, card_id, invoice_id, kind, amount, purchase_id,
       date, description, idempotency_key, request_hash)
     values (?::uuid, ?::uuid, ?::uuid, ?::uuid, 'REFUND', ?::bigint, ?::uuid, ?::date, ?, ?, ?)
     on conflict do nothing returning id`,
    [
      r.id,
      card.userId,
      card.id,
      r.invoiceId,
      -r.amount,
      r.purchase.id,
      r.date,
      `Refund: ${r.purchase.description}`,
      r.key,
      r.hash,
    ],
  );
  return rows.length === 1;
}

/** True when `key` already refunded with the same input; CONFLICT with another input. */
async function replayed(tx: EntityManager, userId: string, key: string, hash: string) {
  const row = await queryOne<{ request_hash: string }>(
    tx,
    'select request_hash from invoice_adjustments where user_id = ?::uuid and idempotency_key = ?',
    [userId, key],
  );
  if (!row) return false;
  if (row.request_hash !== hash) {
    throw conflict('This idempotencyKey was already used with a different input', {
      field: 'idempotencyKey',
    });
  }
  return true;
}

/**
 * Refunds: a credit on the card's open invoice (not a payment). The installments stay;
 * the ledger books the purchase net of its refunds (taken off the last installments).
 */
export class RefundService {
  constructor(private readonly cards: CardService) {}

  async refund(
    em: EntityManager,
    userId: string,
    id: string,
    amountDecimal: string,
    idempotencyKey: string | null | undefined,
    timeZone: string,
  ): Promise<PurchaseRecord> {
    const today = this.cards.today(timeZone);
    const key = keyOf(idempotencyKey);
    return em.transactional(async (tx) => {
      const { card, purchase } = await lockPurchase(tx, userId, id);
      const amount = positiveAmount(amountDecimal, card.currency, 'amount');
      const hash = requestHash(['refund', purchase.id, amount]);
      if (key && (await replayed(tx, userId, key, hash))) return purchase;
      if (card.archived) throw invalidState('The card is archived', { id });
      const refunded = await repo.refunded(tx, purchase.id);
      if (amount > purchase.total - refunded) {
        throw badInput('The refund is more than what is left of the purchase', { field: 'amount' });
      }
      const invoiceId = await openInvoiceOn(tx, card, today);
      const refund: Refund = { id: newId(), purchase, amount, invoiceId, date: today, key, hash };
      if (!(await insertRefund(tx, card, refund))) {
        await replayed(tx, userId, key!, hash);
        return purchase;
      }
      // A new version, so the ledger applies this snapshot over the previous one.
      const saved = await repo.save(tx, purchase);
      const installments = await repo.installments(tx, [purchase.id]);
      await recordEvents(tx, [
        event('cards.purchase.refunded', userId, {
          purchase: purchaseEventData(card, saved, installments, refunded + amount),
          refund: { id: refund.id, amount: toMoney(amount, card.currency), invoiceId, date: today },
        }),
        ...(await refreshInvoices(tx, card, [invoiceId], today)),
      ]);
      return saved;
    });
  }
}
