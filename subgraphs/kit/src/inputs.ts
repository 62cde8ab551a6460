import { createHash } from 'node:crypto';
import { assertLocalDate } from './dates';
import { badInput, DomainError } from './errors';
import { isCurrency, parseAmount } from './money';

// Checks of client input shared by the subgraphs; each reports against the input field.

/** 10^15 minor units: far above any real amount, far below overflow of balances. */
export const MAX_AMOUNT = 10n ** 15n;

/** A trimmed, non-empty text of at most `max` characters. */
export function requiredText(value: string, field: string, max = 120): string {
  const text = value.trim();
  if (text === '') throw badInput(`${field} must not be empty`, { field });
  if (text.length > max) throw badInput(`${field} is longer than ${max} characters`, { field });
  return text;
}

/** Trimmed text, or null when empty; at most `max` characters. */
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

/** A strictly positive amount (the operation gives the direction) of at most MAX_AMOUNT. */
export function positiveAmount(decimal: string, currency: string, field: string): bigint {
  const minor = amountOf(decimal, currency, field);
  if (minor <= 0n)
    throw badInput(`${field} must be positive; the operation gives the direction`, { field });
  if (minor > MAX_AMOUNT) throw badInput(`${field} is too large`, { field });
  return minor;
}

export function optionalDate(value: string | null | undefined, field: string): string | null {
  return value === null || value === undefined ? null : assertLocalDate(value, field);
}

/** An opaque client key (idempotency, external id): 1-200 characters without surrounding spaces. */
export function optionalKey(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined) return null;
  if (value.length === 0 || value.length > 200 || value.trim() !== value) {
    throw badInput(`${field} must be 1-200 characters without surrounding spaces`, { field });
  }
  return value;
}

/** Fingerprint of an input for idempotency keys: same key + same hash is a replay. */
export function requestHash(parts: readonly unknown[]): string {
  const canonical = JSON.stringify(parts, (_key, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value,
  );
  return createHash('sha256').update(canonical).digest('base64url');
}
