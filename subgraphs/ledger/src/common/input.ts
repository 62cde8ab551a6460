import { assertLocalDate, badInput, DomainError, isCurrency, parseAmount } from '@saldo/kit';

/** 10^15 minor units: far above any real movement, far below bigint overflow of balances. */
export const MAX_AMOUNT = 10n ** 15n;

/** A trimmed, non-empty name of at most `max` characters. */
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

/** Tags: trimmed, de-duplicated, at most 20 of at most 40 characters each. */
export function cleanTags(tags: readonly string[] | null | undefined): string[] {
  const unique = [...new Set((tags ?? []).map((t) => t.trim()).filter((t) => t !== ''))];
  if (unique.length > 20) throw badInput('At most 20 tags', { field: 'tags' });
  if (unique.some((t) => t.length > 40)) {
    throw badInput('A tag has at most 40 characters', { field: 'tags' });
  }
  return unique;
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

/** A strictly positive amount (the kind of the entry gives the direction). */
export function positiveAmount(decimal: string, currency: string, field: string): bigint {
  const minor = amountOf(decimal, currency, field);
  if (minor <= 0n) throw badInput('Amounts are positive; the kind gives the direction', { field });
  if (minor > MAX_AMOUNT) throw badInput('Amount is too large', { field });
  return minor;
}

export function optionalDate(value: string | null | undefined, field: string): string | null {
  return value === null || value === undefined ? null : assertLocalDate(value, field);
}

/** An opaque client key (idempotency, external id): 1-200 visible characters. */
export function optionalKey(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined) return null;
  if (value.length === 0 || value.length > 200 || value.trim() !== value) {
    throw badInput(`${field} must be 1-200 characters without surrounding spaces`, { field });
  }
  return value;
}
