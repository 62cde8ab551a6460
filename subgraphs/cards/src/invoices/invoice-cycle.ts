import { daysInMonth, formatLocalDate, monthOf, parseLocalDate, type LocalDate } from '@saldo/kit';

/** A card's billing days; either may exceed a month's length (then it clamps). */
export interface CycleDays {
  closingDay: number;
  dueDay: number;
}

export interface InvoiceDates {
  closingDate: LocalDate;
  dueDate: LocalDate;
}

/** Dates stored on existing invoices (adjusted by the bank) by month; they beat the arithmetic. */
export type StoredDates = ReadonlyMap<string, InvoiceDates>;

const NONE: StoredDates = new Map();

/** `2026-12` + 2 = `2027-02`. */
export function addMonthsToMonth(month: string, months: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The `day` of `month`, clamped to the month's last day (31 in February = 28 or 29). */
export function dayIn(month: string, day: number): LocalDate {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return formatLocalDate(year, m, Math.min(day, daysInMonth(year, m)));
}

/**
 * The invoice of `month` (the month it closes in) by the card's days: it closes on the
 * closing day, and is due on the first due day after closing, so a due day on or
 * before the closing day falls in the following month.
 */
export function cycleDates(month: string, days: CycleDays): InvoiceDates {
  const closingDate = dayIn(month, days.closingDay);
  let dueDate = dayIn(month, days.dueDay);
  if (dueDate <= closingDate) dueDate = dayIn(addMonthsToMonth(month, 1), days.dueDay);
  return { closingDate, dueDate };
}

/** An invoice's dates: the stored ones when it exists (they may have been adjusted). */
export function datesOf(month: string, days: CycleDays, stored: StoredDates = NONE): InvoiceDates {
  return stored.get(month) ?? cycleDates(month, days);
}

/**
 * The invoice a charge dated `date` goes to: the first, by month, whose closing date is
 * after it. A purchase on the closing day or later therefore goes to the next invoice.
 */
export function invoiceMonthFor(
  date: LocalDate,
  days: CycleDays,
  stored: StoredDates = NONE,
): string {
  const own = monthOf(date);
  // The previous month's invoice only if its closing date was moved past `date`.
  for (let offset = -1; offset <= 2; offset += 1) {
    const month = addMonthsToMonth(own, offset);
    if (date < datesOf(month, days, stored).closingDate) return month;
  }
  throw new Error(`no invoice closes after ${date}`);
}

/** The purchase day clamped into `month`: the date the ledger books an installment on. */
export function bookingDate(purchaseDate: LocalDate, month: string): LocalDate {
  return dayIn(month, parseLocalDate(purchaseDate).day);
}
