import { toMoney } from '@saldo/kit';
import type { EventData } from '@saldo/events';
import type { CycleDays } from '../invoices/invoice-cycle';
import { toDate } from '@saldo/kit';

export enum CardBrand {
  VISA = 'VISA',
  MASTERCARD = 'MASTERCARD',
  ELO = 'ELO',
  AMEX = 'AMEX',
  HIPERCARD = 'HIPERCARD',
  OTHER = 'OTHER',
}

export interface CardRecord extends CycleDays {
  id: string;
  userId: string;
  name: string;
  brand: CardBrand;
  last4: string | null;
  currency: string;
  limit: bigint;
  paymentAccountId: string | null;
  liabilityAccountId: string;
  archived: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export const CARD_COLUMNS = `id, user_id, name, brand, last4, currency, limit_amount, closing_day,
  due_day, payment_account_id, liability_account_id, archived, version, created_at, updated_at`;

export interface CardRow extends Record<string, unknown> {
  id: string;
  user_id: string;
  name: string;
  brand: CardBrand;
  last4: string | null;
  currency: string;
  limit_amount: string;
  closing_day: number;
  due_day: number;
  payment_account_id: string | null;
  liability_account_id: string;
  archived: boolean;
  version: number;
  created_at: string;
  updated_at: string;
}

export function toCardRecord(row: CardRow): CardRecord {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    brand: row.brand,
    last4: row.last4,
    currency: row.currency,
    limit: BigInt(row.limit_amount),
    closingDay: row.closing_day,
    dueDay: row.due_day,
    paymentAccountId: row.payment_account_id,
    liabilityAccountId: row.liability_account_id,
    archived: row.archived,
    version: row.version,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

export type CardEventData = EventData<'cards.card.created'>['card'];

export function cardEventData(card: CardRecord): CardEventData {
  return {
    id: card.id,
    name: card.name,
    brand: card.brand,
    last4: card.last4,
    currency: card.currency,
    limit: toMoney(card.limit, card.currency),
    closingDay: card.closingDay,
    dueDay: card.dueDay,
    liabilityAccountId: card.liabilityAccountId,
    paymentAccountId: card.paymentAccountId,
    archived: card.archived,
    version: card.version,
  };
}
