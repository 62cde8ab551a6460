import { allocate, type LocalDate } from '@saldo/kit';
import {
  addMonthsToMonth,
  bookingDate,
  invoiceMonthFor,
  type CycleDays,
  type StoredDates,
} from '../invoices/invoice-cycle';

export const MAX_INSTALLMENTS = 48;

export interface PlannedInstallment {
  number: number;
  amount: bigint;
  /** The invoice month (the month the invoice closes in). */
  month: string;
  /** Where the ledger books it: the purchase day clamped into `month`. */
  date: LocalDate;
}

/**
 * Splits a purchase into installments on consecutive invoices, the first on the invoice
 * the purchase date falls in. Amounts follow the kit's `allocate`: they sum exactly to
 * the total and the first ones carry the extra cent (100.00 in 3 = 33.34 + 33.33 + 33.33).
 */
export function installmentPlan(
  total: bigint,
  count: number,
  purchaseDate: LocalDate,
  days: CycleDays,
  stored?: StoredDates,
): PlannedInstallment[] {
  const first = invoiceMonthFor(purchaseDate, days, stored);
  return allocate(total, count).map((amount, index) => {
    const month = addMonthsToMonth(first, index);
    return { number: index + 1, amount, month, date: bookingDate(purchaseDate, month) };
  });
}

/**
 * What the ledger books per installment once `refunded` has been given back: refunds
 * come off the last installments first (a fully refunded installment books nothing).
 */
export function netOfRefunds(amounts: readonly bigint[], refunded: bigint): bigint[] {
  let left = refunded;
  const net = [...amounts];
  for (let i = net.length - 1; i >= 0 && left > 0n; i -= 1) {
    const cut = net[i]! < left ? net[i]! : left;
    net[i] = net[i]! - cut;
    left -= cut;
  }
  return net;
}
