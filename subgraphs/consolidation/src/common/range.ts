import { badInput, toEpochDay, type LocalDate } from '@saldo/kit';

/** Days in `from..to`, both included. */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toEpochDay(to) - toEpochDay(from) + 1;
}

/** Refuses `from` after `to` and ranges longer than `maxDays` (BAD_USER_INPUT). */
export function checkRange(from: LocalDate, to: LocalDate, maxDays: number): void {
  if (from > to) {
    throw badInput('"from" must not be after "to"', { field: 'from', from, to });
  }
  if (daysBetween(from, to) > maxDays) {
    throw badInput(`A range covers at most ${maxDays} days`, { field: 'to', maxDays });
  }
}
