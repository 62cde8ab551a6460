import { assertLocalDate, badInput, isUuid, type LocalDate } from '@saldo/kit';
import { notFoundField } from './errors';

export {
  amountOf,
  currencyCode,
  MAX_AMOUNT,
  optionalKey,
  optionalText,
  positiveAmount,
  requestHash,
  requiredText,
} from '@saldo/kit';

/** A day of the month, 1-31 (clamped to shorter months when used). */
export function dayOfMonth(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 1 || value > 31) {
    throw badInput(`${field} must be a day of the month, 1-31`, { field });
  }
  return value;
}

/** A calendar date that is not after `today`. */
export function pastOrToday(value: string, field: string, today: LocalDate): LocalDate {
  const date = assertLocalDate(value, field);
  if (date > today) throw badInput(`${field} must not be in the future`, { field });
  return date;
}

/** An id of something the caller points at; a malformed one cannot exist: NOT_FOUND. */
export function idOf(value: string, what: string, field: string): string {
  if (!isUuid(value)) throw notFoundField(what, field, value);
  return value;
}
