import { toMoney } from '@saldo/kit';
import type { EventData } from '@saldo/events';
import { toDate } from '@saldo/kit';
import type { CardRecord } from '../cards/card.model';

export enum PaymentStatus {
  /** Sent to the ledger; the invoice shows it, the limit is not restored yet. */
  PENDING = 'PENDING',
  /** The ledger booked the transfer: counts as paid and restores the limit. */
  CONFIRMED = 'CONFIRMED',
  /** The ledger refused it (e.g. it would overdraw the account): changes nothing. */
  FAILED = 'FAILED',
}

export interface PaymentRecord {
  id: string;
  userId: string;
  cardId: string;
  invoiceId: string;
  fromAccountId: string;
  amount: bigint;
  currency: string;
  date: string;
  status: PaymentStatus;
  failureCode: string | null;
  failureReason: string | null;
  ledgerEntryId: string | null;
  idempotencyKey: string | null;
  requestHash: string;
  createdAt: Date;
}

export const PAYMENT_SELECT = `
  select p.id, p.user_id, p.card_id, p.invoice_id, p.from_account_id, p.amount, c.currency, p.date,
         p.status, p.failure_code, p.failure_reason, p.ledger_entry_id, p.idempotency_key,
         p.request_hash, p.created_at
    from payments p join cards c on c.id = p.card_id`;

export interface PaymentRow extends Record<string, unknown> {
  id: string;
  user_id: string;
  card_id: string;
  invoice_id: string;
  from_account_id: string;
  amount: string;
  currency: string;
  date: string;
  status: PaymentStatus;
  failure_code: string | null;
  failure_reason: string | null;
  ledger_entry_id: string | null;
  idempotency_key: string | null;
  request_hash: string;
  created_at: string;
}

export function toPaymentRecord(row: PaymentRow): PaymentRecord {
  return {
    id: row.id,
    userId: row.user_id,
    cardId: row.card_id,
    invoiceId: row.invoice_id,
    fromAccountId: row.from_account_id,
    amount: BigInt(row.amount),
    currency: row.currency,
    date: row.date,
    status: row.status,
    failureCode: row.failure_code,
    failureReason: row.failure_reason,
    ledgerEntryId: row.ledger_entry_id,
    idempotencyKey: row.idempotency_key,
    requestHash: row.request_hash,
    createdAt: toDate(row.created_at),
  };
}

/** The ledger entry's externalId (source CARDS) for a payment: how answers find it. */
export const PAYMENT_EXTERNAL_PREFIX = 'payment:';
export const paymentExternalId = (id: string) => `${PAYMENT_EXTERNAL_PREFIX}${id}`;

export type PaymentEventData = EventData<'cards.payment.requested'>['payment'];

export function paymentEventData(
  card: CardRecord,
  p: PaymentRecord,
  month: string,
): PaymentEventData {
  return {
    paymentId: p.id,
    cardId: p.cardId,
    invoiceId: p.invoiceId,
    fromAccountId: p.fromAccountId,
    liabilityAccountId: card.liabilityAccountId,
    amount: toMoney(p.amount, card.currency),
    date: p.date,
    description: `Card payment: ${card.name} ${month}`,
    externalId: paymentExternalId(p.id),
  };
}
