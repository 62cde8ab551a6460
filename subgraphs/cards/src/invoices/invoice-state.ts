import type { LocalDate } from '@saldo/kit';

export enum InvoiceStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
  PAID = 'PAID',
  PARTIALLY_PAID = 'PARTIALLY_PAID',
  OVERDUE = 'OVERDUE',
}

/** What an invoice's status follows from; amounts in minor units. */
export interface InvoiceFacts {
  closed: boolean;
  dueDate: LocalDate;
  /** Items: installments and carried-out credit (+), refunds and carried-in credit (-). */
  total: bigint;
  /** Confirmed payments only: a pending one changes nothing yet. */
  paid: bigint;
}

/**
 * OPEN until closed. Once closed: PAID when nothing is left to pay, OVERDUE after the
 * due date with something left, PARTIALLY_PAID when something was paid, else CLOSED.
 */
export function statusOf(facts: InvoiceFacts, today: LocalDate): InvoiceStatus {
  if (!facts.closed) return InvoiceStatus.OPEN;
  if (facts.total - facts.paid <= 0n) return InvoiceStatus.PAID;
  if (today > facts.dueDate) return InvoiceStatus.OVERDUE;
  return facts.paid > 0n ? InvoiceStatus.PARTIALLY_PAID : InvoiceStatus.CLOSED;
}

/**
 * The credit a closed invoice passes on to the next one: what was paid beyond its total
 * (an overpayment), or a total below zero (refunds beyond the charges). An open
 * invoice keeps its credit until it closes: later purchases may use it.
 */
export function creditToCarry(facts: InvoiceFacts): bigint {
  if (!facts.closed) return 0n;
  const left = facts.total - facts.paid;
  return left < 0n ? -left : 0n;
}
