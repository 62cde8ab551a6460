import { createHash } from 'node:crypto';
import {
  assertLocalDate,
  badInput,
  DomainError,
  isCurrency,
  isUuid,
  parseAmount,
  type LocalDate,
} from '@saldo/kit';
import { notFoundField } from './errors';

/** 10^15 minor units: far above any real card limit or purchase, far below bigint overflow. */
export const MAX_AMOUNT = 10n ** 15n;

/** A trimmed, non-empty text of at most `max` characters. */
export function requiredText(value: string, field: string, max = 120): string {
  const text = value.trim();
  if (text === '') throw badInput(`${field} must not be empty`, { field });
  if (text.length > max) throw badInput(`${field} is longer than ${max} characters`, { field });
  return text;
}

/** Trimmed text or null when empty; at most `max` characters. */
export function optionalText(
  value: string | null | undefined,
  field: string,
  max: number,
): string | null {
  const text = value?.trim() ?? '';
  if (text.length > max) throw badInput(`${field} is longer than ${max} characters`, { field });
  return text === '' ? null : text;
}

export function currencyCode(value: string, field = 'currency'): string {
  const code = value.trim().toUpperCase();
  if (!isCurrency(code)) throw badInput(`Unknown currency "${value}"`, { field });
  return code;
}

/** Parses a decimal in the currency's minor units, reporting problems against `field`. */
export function amountOf(decimal: string, currency: string, field: string): bigint {
  try {
    return parseAmount(decimal, currency);
  } catch (error) {
    if (error instanceof DomainError) throw badInput(error.message, { field });
    throw error;
  }
}

/** A strictly positive amount of at most MAX_AMOUNT. */
export function positiveAmount(decimal: string, currency: string, field: string): bigint {
  const minor = amountOf(decimal, currency, field);
  if (minor <= 0n) throw badInput(`${field} must be positive`, { field });
  if (minor > MAX_AMOUNT) throw badInput(`${field} is too large`, { field });
  return minor;
}

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

/** An opaque client key (idempotency): 1-200 characters without surrounding spaces. */
export function optionalKey(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined) return null;
  if (value.length === 0 || value.length > 200 || value.trim() !== value) {
    throw badInput(`${field} must be 1-200 characters without surrounding spaces`, { field });
  }
  return value;
}

/** An id of something the caller points at; a malformed one cannot exist: NOT_FOUND. */
export function idOf(value: string, what: string, field: string): string {
  if (!isUuid(value)) throw notFoundField(what, field, value);
  return value;
}

/** Identifies an input for idempotency: same key + same hash is a replay. */
export function requestHash(parts: readonly unknown[]): string {
  const canonical = JSON.stringify(parts, (_key, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value,
  );
  return createHash('sha256').update(canonical).digest('base64url');
}
