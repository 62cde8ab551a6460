// Brazilian taxpayer ids (CPF, CNPJ incl. the alphanumeric CNPJ) and e-mail syntax.
// Pure functions; hot enough (one call per charge row) to avoid regex allocation per call.

export type GovernmentIdKind = 'CPF' | 'CNPJ';

const SEPARATORS = /[.\-/\s]/g;
const DIGITS = /^\d+$/;
const CNPJ_SHAPE = /^[0-9A-Z]{12}\d{2}$/;

/** Strips '.', '-', '/', spaces; uppercases; checks length and check digits. null when invalid. */
export function parseGovernmentId(raw: string): { kind: GovernmentIdKind; value: string } | null {
  const value = raw.replace(SEPARATORS, '').toUpperCase();
  if (value.length === 11 && isValidCpf(value)) return { kind: 'CPF', value };
  if (value.length === 14 && isValidCnpj(value)) return { kind: 'CNPJ', value };
  return null;
}

function allSame(s: string): boolean {
  for (let i = 1; i < s.length; i++) if (s.charCodeAt(i) !== s.charCodeAt(0)) return false;
  return true;
}

// Sum of (char value x weight), char value = ASCII code - 48 (so '0'..'9' -> 0..9, 'A' -> 17).
function weightedSum(s: string, count: number, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < count; i++) sum += (s.charCodeAt(i) - 48) * (weights[i] ?? 0);
  return sum;
}

const CPF_W1 = [10, 9, 8, 7, 6, 5, 4, 3, 2];
const CPF_W2 = [11, 10, 9, 8, 7, 6, 5, 4, 3, 2];

/** 11 digits (no separators), both check digits right, not all the same digit. */
export function isValidCpf(digits: string): boolean {
  if (digits.length !== 11 || !DIGITS.test(digits) || allSame(digits)) return false;
  return (
    cpfDigit(weightedSum(digits, 9, CPF_W1)) === digits.charCodeAt(9) - 48 &&
    cpfDigit(weightedSum(digits, 10, CPF_W2)) === digits.charCodeAt(10) - 48
  );
}

function cpfDigit(sum: number): number {
  const r = (sum * 10) % 11;
  return r === 10 ? 0 : r;
}

const CNPJ_W1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const CNPJ_W2 = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];

function mod11Digit(sum: number): number {
  const r = sum % 11;
  return r < 2 ? 0 : 11 - r;
}

/** 14 chars; the first 12 may be A-Z/0-9 (alphanumeric CNPJ, from July 2026), the last 2 digits.
 * Value of each char = ASCII code - 48; weights 5..2,9..2 / 6..2,9..2; mod 11 (<2 -> 0). Rejects all-same. */
export function isValidCnpj(value: string): boolean {
  if (!CNPJ_SHAPE.test(value) || allSame(value)) return false;
  return (
    mod11Digit(weightedSum(value, 12, CNPJ_W1)) === value.charCodeAt(12) - 48 &&
    mod11Digit(weightedSum(value, 13, CNPJ_W2)) === value.charCodeAt(13) - 48
  );
}

/** Check digits for the first 12 chars of a CNPJ (to build examples and fixtures). */
export function cnpjCheckDigits(base12: string): string {
  const b = base12.toUpperCase();
  if (!/^[0-9A-Z]{12}$/.test(b)) throw new RangeError('CNPJ base must be 12 chars of A-Z/0-9');
  const d1 = mod11Digit(weightedSum(b, 12, CNPJ_W1));
  const d2 = mod11Digit(weightedSum(b + String(d1), 13, CNPJ_W2));
  return `${d1}${d2}`;
}

// local@domain.tld: printable local part without spaces/@, dot-separated LDH labels, alphabetic TLD.
const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/** Pragmatic syntax check (local@domain.tld, no spaces, <= 254 chars, local part <= 64). */
export function isValidEmail(s: string): boolean {
  if (s.length > 254) return false;
  const at = s.indexOf('@');
  return at > 0 && at <= 64 && EMAIL.test(s);
}
