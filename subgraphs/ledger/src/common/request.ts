import { localDateAt, type LocalDate } from '@saldo/kit';

// The kit's request helpers (the ledger imports them from here until its call sites name the kit).
export { todayOf, userOf } from '@saldo/kit';

/** The calendar day an instant falls on in a time zone. */
export const dateIn = (timeZone: string, instant = new Date()): LocalDate =>
  localDateAt(instant, timeZone);
