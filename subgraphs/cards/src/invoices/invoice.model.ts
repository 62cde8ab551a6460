import { toMoney } from '@saldo/kit';
import type { EventData } from '@saldo/events';
import { toDate, toMinor } from '@saldo/kit';
import { InvoiceStatus } from './invoice-state';

/** An invoice with its figures (minor units, in the card's currency). */
export interface InvoiceRecord {
  id: string;
  userId: string;
  cardId: string;
  currency: string;
  month: string;
  closingDate: string;
  dueDate: string;
  datesAdjusted: boolean;
  status: InvoiceStatus;
  closedAt: Date | null;
  dueSoonSentAt: Date | null;
  createdAt: Date;
  /** Sum of the items: installments and credit carried out, less refunds and credit carried in. */
  total: bigint;
  /** Confirmed payments. */
  paid: bigint;
  /** Payments sent to the ledger, not yet confirmed or rejected. */
  pending: bigint;
}

/** Columns and figures of `invoices i` joined with `cards c`. */
export const INVOICE_SELECT = `
  select i.id, i.user_id, i.card_id, c.currency, i.month, i.closing_date, i.due_date,
         i.dates_adjusted, i.status, i.closed_at, i.due_soon_sent_at, i.created_at,
         coalesce((select sum(x.amount) from installments x
                    where x.invoice_id = i.id and x.cancelled_at is null), 0)
       + coalesce((select sum(a.amount) from invoice_adjustments a where a.invoice_id = i.id), 0)
           as total,
         coalesce((select sum(p.amount) from payments p
                    where p.invoice_id = i.id and p.status = 'CONFIRMED'), 0) as paid,
         coalesce((select sum(p.amount) from payments p
                    where p.invoice_id = i.id and p.status = 'PENDING'), 0) as pending
    from invoices i join cards c on c.id = i.card_id`;

export interface InvoiceRow extends Record<string, unknown> {
  id: string;
  user_id: string;
  card_id: string;
  currency: string;
  month: string;
  closing_date: string;
  due_date: string;
  dates_adjusted: boolean;
  status: InvoiceStatus;
  closed_at: string | null;
  due_soon_sent_at: string | null;
  created_at: string;
  total: string;
  paid: string;
  pending: string;
}

export function toInvoiceRecord(row: InvoiceRow): InvoiceRecord {
  return {
    id: row.id,
    userId: row.user_id,
    cardId: row.card_id,
    currency: row.currency,
    month: row.month,
    closingDate: row.closing_date,
    dueDate: row.due_date,
    datesAdjusted: row.dates_adjusted,
    status: row.status,
    closedAt: row.closed_at === null ? null : toDate(row.closed_at),
    dueSoonSentAt: row.due_soon_sent_at === null ? null : toDate(row.due_soon_sent_at),
    createdAt: toDate(row.created_at),
    total: toMinor(row.total),
    paid: toMinor(row.paid),
    pending: toMinor(row.pending),
  };
}

export type InvoiceEventData = EventData<'cards.invoice.updated'>;

export function invoiceEventData(i: InvoiceRecord): InvoiceEventData {
  return {
    invoiceId: i.id,
    cardId: i.cardId,
    month: i.month,
    status: i.status,
    closingDate: i.closingDate,
    dueDate: i.dueDate,
    total: toMoney(i.total, i.currency),
    paidAmount: toMoney(i.paid, i.currency),
    pendingAmount: toMoney(i.pending, i.currency),
  };
}
