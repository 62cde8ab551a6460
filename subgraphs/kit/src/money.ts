import { badInput } from './errors';

// ISO 4217 minor-unit exponents that differ from the usual 2.
const EXPONENT_OVERRIDES: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

const KNOWN_CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

// PostgreSQL bigint bounds: an amount outside them cannot be stored.
export const MAX_MINOR = 2n ** 63n - 1n;
export const MIN_MINOR = -(2n ** 63n);

export function isCurrency(code: string): boolean {
  return KNOWN_CURRENCIES.has(code);
}

/** Validates an ISO 4217 code and returns it. */
export function assertCurrency(code: string): string {
  if (!isCurrency(code)) throw badInput(`Unknown currency "${code}"`, { field: 'currency' });
  return code;
}

/** Number of decimals the currency has (BRL 2, JPY 0, KWD 3). */
export function currencyExponent(code: string): number {
  assertCurrency(code);
  return EXPONENT_OVERRIDES[code] ?? 2;
}

const DECIMAL_PATTERN = /^([+-])?(\d+)(?:\.(\d+))?$/;

/**
 * "1234.5" in BRL -> 123450n. Rejects more decimals than the currency has,
 * exponents, thousands separators, and values beyond bigint storage.
 */
export function parseAmount(decimal: string, currency: string): bigint {
  const exponent = currencyExponent(currency);
  const match = DECIMAL_PATTERN.exec(decimal.trim());
  if (!match) throw badInput(`"${decimal}" is not a decimal amount`, { field: 'amount' });
  const [, sign, whole = '0', fraction = ''] = match;
  if (fraction.length > exponent) {
    throw badInput(`${currency} amounts have at most ${exponent} decimal places`, {
      field: 'amount',
    });
  }
  const minor = BigInt(whole + fraction.padEnd(exponent, '0'));
  const value = sign === '-' ? -minor : minor;
  if (value > MAX_MINOR || value < MIN_MINOR) {
    throw badInput('Amount is too large', { field: 'amount' });
  }
  return value;
}

/** 123450n in BRL -> "1234.50"; -5n in JPY -> "-5"; always the currency's full decimals. */
export function formatAmount(minor: bigint, currency: string): string {
  const exponent = currencyExponent(currency);
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  return `${negative ? '-' : ''}${whole}${exponent > 0 ? `.${fraction}` : ''}`;
}

/**
 * Splits `total` into `count` parts that sum exactly to it.
 * Remainder rule: the first parts carry one extra minor unit each, so earlier
 * parts are never smaller than later ones (R$ 100.00 / 3 = 33.34 + 33.33 + 33.33).
 * A negative total splits the same way with every sign flipped.
 */
export function allocate(total: bigint, count: number): bigint[] {
  if (!Number.isInteger(count) || count < 1) throw badInput('Cannot split into fewer than 1 part');
  return allocateByWeights(
    total,
    Array.from({ length: count }, () => 1n),
  );
}

/**
 * Splits `total` proportionally to `weights` (non-negative, not all zero).
 * Each part gets the floor of its exact share; the units left over go one each
 * to the parts with the largest fractional remainders, earlier parts first on ties.
 */
export function allocateByWeights(total: bigint, weights: readonly bigint[]): bigint[] {
  if (weights.length === 0 || weights.some((w) => w < 0n)) {
    throw badInput('Weights must be non-negative and at least one');
  }
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n) throw badInput('Weights must not all be zero');
  const negative = total < 0n;
  const magnitude = negative ? -total : total;
  const parts = weights.map((w) => (magnitude * w) / sum);
  const remainders = weights.map((w, index) => ({ index, rest: (magnitude * w) % sum }));
  let left = magnitude - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.rest === b.rest ? a.index - b.index : a.rest > b.rest ? -1 : 1));
  for (const { index } of remainders) {
    if (left === 0n) break;
    parts[index] = (parts[index] ?? 0n) + 1n;
    left -= 1n;
  }
  return negative ? parts.map((p) => -p) : parts;
}

/** The pair GraphQL exposes as `Money`; `amount` is a decimal string. */
export interface MoneyValue {
  amount: string;
  currency: string;
}

export function toMoney(minor: bigint, currency: string): MoneyValue {
  return { amount: formatAmount(minor, currency), currency };
}
