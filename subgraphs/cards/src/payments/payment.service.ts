import {
  badInput,
  event,
  newId,
  recordEvents,
  type EntityManager,
  type Logger,
  type PendingEvent,
} from '@saldo/kit';
import { conflict, invalidState } from '@saldo/kit';
import { idOf, pastOrToday, positiveAmount, requestHash } from '../common/input';
import type { CardRecord } from '../cards/card.model';
import { cardRepository } from '../cards/card.repository';
import type { CardService } from '../cards/card.service';
import { refreshInvoices } from '../invoices/invoice-refresh';
import { InvoiceStatus } from '../invoices/invoice-state';
import type { InvoiceRecord } from '../invoices/invoice.model';
import { invoiceRepository } from '../invoices/invoice.repository';
import type { InvoiceService } from '../invoices/invoice.service';
import { keyOf } from '../purchases/purchase-input';
import { timeZones } from '../users/time-zones';
import { paymentEventData, PaymentStatus, type PaymentRecord } from './payment.model';
import { paymentRepository as repo } from './payment.repository';

export interface NewPayment {
  invoiceId: string;
  /** Defaults to the card's payment account. */
  fromAccountId?: string | null;
  /** Defaults to what is left to pay (total - paid - pending). */
  amount?: string | null;
  /** Defaults to today. */
  date?: string | null;
  idempotencyKey?: string | null;
}

/** A new payment's fixed parts: PENDING, not answered yet. */
function pendingPayment(userId: string, card: CardRecord, invoiceId: string, date: string) {
  return {
    id: newId(),
    userId,
    cardId: card.id,
    invoiceId,
    currency: card.currency,
    date,
    status: PaymentStatus.PENDING,
    failureCode: null,
    failureReason: null,
    ledgerEntryId: null,
    createdAt: new Date(),
  };
}

/**
 * Invoice payments, a saga with the ledger: `payInvoice` records the payment PENDING and
 * asks the ledger (cards.payment.requested) for the transfer; the ledger's answer
 * (`ledger.entry.created` or `ledger.entry.rejected`) confirms or fails it here.
 */
export class PaymentService {
  constructor(
    private readonly cards: CardService,
    private readonly invoices: InvoiceService,
  ) {}

  ofInvoices(em: EntityManager, userId: string, invoiceIds: readonly string[]) {
    return repo.ofInvoices(em, userId, invoiceIds);
  }

  async pay(
    em: EntityManager,
    userId: string,
    input: NewPayment,
    timeZone: string,
  ): Promise<PaymentRecord> {
    const today = this.cards.today(timeZone);
    const key = keyOf(input.idempotencyKey);
    const date = input.date ? pastOrToday(input.date, 'date', today) : today;
    return em.transactional(async (tx) => {
      const found = await this.invoices.get(tx, userId, input.invoiceId);
      const card = (await cardRepository.byId(tx, userId, found.cardId, true))!;
      const invoice = (await invoiceRepository.byId(tx, userId, found.id))!;
      const given = input.amount ? positiveAmount(input.amount, card.currency, 'amount') : null;
      // The input as given (amount in minor units): a retry hashes the same even after
      // the first attempt changed what "what is left" means.
      const hash = requestHash(['pay', invoice.id, input.fromAccountId, given, input.date]);
      const replay = key ? await this.replay(tx, userId, key, hash) : null;
      if (replay) return replay;
      if (invoice.status === InvoiceStatus.PAID) {
        throw invalidState('The invoice is already paid', { field: 'invoiceId' });
      }
      const payment: PaymentRecord = {
        ...pendingPayment(userId, card, invoice.id, date),
        fromAccountId: this.sourceOf(card, input.fromAccountId),
        amount: given ?? this.leftToPay(invoice),
        idempotencyKey: key,
        requestHash: hash,
      };
      if (!(await repo.insert(tx, payment))) return (await this.replay(tx, userId, key!, hash))!;
      await recordEvents(tx, [
        event('cards.payment.requested', userId, {
          payment: paymentEventData(card, payment, invoice.month),
        }),
        ...(await refreshInvoices(tx, card, [invoice.id], today)),
      ]);
      return payment;
    });
  }

  private sourceOf(card: CardRecord, fromAccountId: string | null | undefined): string {
    const id = fromAccountId ?? card.paymentAccountId;
    if (!id) {
      throw badInput('fromAccountId is required: the card has no payment account', {
        field: 'fromAccountId',
      });
    }
    idOf(id, 'Account', 'fromAccountId');
    if (id === card.liabilityAccountId) {
      throw badInput('A card cannot be paid from its own account', { field: 'fromAccountId' });
    }
    return id;
  }

  private leftToPay(invoice: InvoiceRecord): bigint {
    const left = invoice.total - invoice.paid - invoice.pending;
    if (left <= 0n)
      throw invalidState('Nothing is left to pay on this invoice', { field: 'amount' });
    return left;
  }

  private async replay(tx: EntityManager, userId: string, key: string, hash: string) {
    const existing = await repo.byKey(tx, userId, key);
    if (!existing) return null;
    if (existing.requestHash !== hash) {
      throw conflict('This idempotencyKey was already used with a different input', {
        field: 'idempotencyKey',
      });
    }
    return existing;
  }

  /** The ledger booked the transfer: the payment counts and the limit comes back. */
  async confirm(em: EntityManager, userId: string, id: string, entryId: string, log: Logger) {
    await this.settle(em, userId, id, log, async (tx, card, payment) => {
      if (!(await repo.settle(tx, id, PaymentStatus.CONFIRMED, { entryId }))) return [];
      const invoice = (await invoiceRepository.byId(tx, userId, payment.invoiceId))!;
      return [
        event('cards.payment.confirmed', userId, {
          payment: paymentEventData(card, payment, invoice.month),
          entryId,
        }),
      ];
    });
  }

  /** The ledger refused the transfer: the payment fails and the invoice is as before. */
  async fail(
    em: EntityManager,
    userId: string,
    id: string,
    code: string,
    reason: string,
    log: Logger,
  ) {
    await this.settle(em, userId, id, log, async (tx, card, payment) => {
      if (!(await repo.settle(tx, id, PaymentStatus.FAILED, { code, reason }))) return [];
      const invoice = (await invoiceRepository.byId(tx, userId, payment.invoiceId))!;
      return [
        event('cards.payment.failed', userId, {
          payment: paymentEventData(card, payment, invoice.month),
          code,
          reason,
        }),
      ];
    });
  }

  /** Runs inside the consumer's transaction, under the card's lock; unknown payments are ignored. */
  private async settle(
    em: EntityManager,
    userId: string,
    id: string,
    log: Logger,
    apply: (tx: EntityManager, card: CardRecord, payment: PaymentRecord) => Promise<PendingEvent[]>,
  ): Promise<void> {
    const found = await repo.byId(em, userId, id);
    if (!found) {
      log.warn({ paymentId: id }, 'answer for an unknown payment (erased?); ignored');
      return;
    }
    const card = (await cardRepository.byId(em, userId, found.cardId, true))!;
    const payment = (await repo.byId(em, userId, id))!;
    const events = await apply(em, card, payment);
    if (events.length === 0) return; // already settled: a replayed answer
    const today = this.cards.today(await timeZones.of(em, userId));
    await recordEvents(em, [
      ...events,
      ...(await refreshInvoices(em, card, [payment.invoiceId], today)),
    ]);
  }
}
