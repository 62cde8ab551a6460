import { toMoney } from '@saldo/kit';
import type { EventData } from '@saldo/events';
import { toDate } from '@saldo/kit';
import type { CardRecord } from '../cards/card.model';
import { netOfRefunds } from './installment-plan';

export interface PurchaseRecord {
  id: string;
  userId: string;
  cardId: string;
  /** The card's. */
  currency: string;
  description: string;
  merchant: string | null;
  categoryId: string | null;
  total: bigint;
  purchaseDate: string;
  installmentCount: number;
  idempotencyKey: string | null;
  requestHash: string;
  version: number;
  deleted: boolean;
  createdAt: Date;
}

export interface InstallmentRecord {
  id: string;
  purchaseId: string;
  invoiceId: string;
  month: string;
  number: number;
  amount: bigint;
  bookingDate: string;
}

export interface RefundRecord {
  id: string;
  purchaseId: string;
  invoiceId: string;
  /** Positive: what was given back (stored negative on the invoice). */
  amount: bigint;
  date: string;
  createdAt: Date;
}

export const PURCHASE_COLUMNS = `id, user_id, card_id, description, merchant, category_id, total_amount,
  purchase_date, installment_count, idempotency_key, request_hash, version, deleted_at, created_at,
  (select c.currency from cards c where c.id = card_id) as currency`;

export interface PurchaseRow extends Record<string, unknown> {
  id: string;
  user_id: string;
  card_id: string;
  currency: string;
  description: string;
  merchant: string | null;
  category_id: string | null;
  total_amount: string;
  purchase_date: string;
  installment_count: number;
  idempotency_key: string | null;
  request_hash: string;
  version: number;
  deleted_at: string | null;
  created_at: string;
}

export function toPurchaseRecord(row: PurchaseRow): PurchaseRecord {
  return {
    id: row.id,
    userId: row.user_id,
    cardId: row.card_id,
    currency: row.currency,
    description: row.description,
    merchant: row.merchant,
    categoryId: row.category_id,
    total: BigInt(row.total_amount),
    purchaseDate: row.purchase_date,
    installmentCount: row.installment_count,
    idempotencyKey: row.idempotency_key,
    requestHash: row.request_hash,
    version: row.version,
    deleted: row.deleted_at !== null,
    createdAt: toDate(row.created_at),
  };
}

export type PurchaseEventData = EventData<'cards.purchase.created'>['purchase'];

/** The purchase as the ledger books it: each live installment with its amount net of refunds. */
export function purchaseEventData(
  card: CardRecord,
  p: PurchaseRecord,
  installments: readonly InstallmentRecord[],
  refunded: bigint,
): PurchaseEventData {
  const live = p.deleted ? [] : [...installments].sort((a, b) => a.number - b.number);
  const net = netOfRefunds(
    live.map((i) => i.amount),
    refunded,
  );
  const money = (minor: bigint) => toMoney(minor, card.currency);
  return {
    id: p.id,
    cardId: p.cardId,
    liabilityAccountId: card.liabilityAccountId,
    description: p.description,
    merchant: p.merchant,
    categoryId: p.categoryId,
    totalAmount: money(p.total),
    refundedAmount: money(refunded),
    purchaseDate: p.purchaseDate,
    installmentCount: p.installmentCount,
    installments: live.map((i, index) => ({
      id: i.id,
      number: i.number,
      amount: money(i.amount),
      netAmount: money(net[index] ?? 0n),
      invoiceId: i.invoiceId,
      month: i.month,
      date: i.bookingDate,
    })),
    deleted: p.deleted,
    version: p.version,
  };
}
