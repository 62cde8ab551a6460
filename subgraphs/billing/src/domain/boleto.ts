// FEBRABAN "boleto de cobrança" barcode (44 digits) and digitable line (47 digits).
//
// Barcode:  BBB M D FFFF VVVVVVVVVV LLLLLLLLLLLLLLLLLLLLLLLLL
//           bank currency DV factor amount(cents) free field (bank layout, 25 digits)
// Line:     BBBM L(1-5) d | L(6-15) d | L(16-25) d | D | FFFF VVVVVVVVVV

const DAY_MS = 86_400_000;
const FACTOR_BASE = Date.UTC(1997, 9, 7); // 1997-10-07, factor 0
const RESTART_DAYS = 10_000; // 2025-02-22: 10000 days after the base, factor 1000 again
const MAX_AMOUNT_CENTS = 9_999_999_999n; // 99,999,999.99
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DIGITS = /^\d+$/;

/** FEBRABAN module 10 (digitable-line field DV): weights 2,1,2,1... from the right, digit sums. */
export function mod10(digits: string): number {
  let sum = 0;
  let weight = 2;
  for (let i = digits.length - 1; i >= 0; i--) {
    const d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) throw new RangeError(`mod10: not a digit in "${digits}"`);
    const p = d * weight;
    sum += p > 9 ? p - 9 : p;
    weight = weight === 2 ? 1 : 2;
  }
  return (10 - (sum % 10)) % 10;
}

/** General barcode DV (module 11): weights 2..9 from the right; results 0, 10, 11 become 1. */
export function mod11Barcode(digits43: string): number {
  let sum = 0;
  let weight = 2;
  for (let i = digits43.length - 1; i >= 0; i--) {
    const d = digits43.charCodeAt(i) - 48;
    if (d < 0 || d > 9) throw new RangeError(`mod11: not a digit in "${digits43}"`);
    sum += d * weight;
    weight = weight === 9 ? 2 : weight + 1;
  }
  const dv = 11 - (sum % 11);
  return dv === 0 || dv === 10 || dv === 11 ? 1 : dv;
}

/** Days since 1997-10-07 for a 'YYYY-MM-DD' date; RangeError when it is not a real date. */
export function daysSinceFactorBase(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`Not a LocalDate (YYYY-MM-DD): "${date}"`);
  const y = +(m[1] ?? '');
  const mo = +(m[2] ?? '');
  const d = +(m[3] ?? '');
  const t = Date.UTC(y, mo - 1, d);
  const check = new Date(t);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new RangeError(`Not a calendar date: "${date}"`);
  }
  return Math.round((t - FACTOR_BASE) / DAY_MS);
}

/** Due-date factor, 4 digits.
 *
 * Old cycle: days since 1997-10-07, from 1000 (2000-07-03) to 9999 (2025-02-21).
 * New cycle (FEBRABAN, 2025): 1000 on 2025-02-22, +1 a day, up to 9999 on 2049-10-13 (day 18999).
 * Decision: dates before 2000-07-03 and after 2049-10-13 throw RangeError. Before, the factor would
 * need fewer than 4 significant digits (the old "0000 = no due date" range); after, the following
 * restart's reading window is not something we can check today, so we refuse rather than guess.
 * Note the two cycles reuse factor values 25 years apart; banks resolve that by proximity to today. */
export function dueDateFactor(dueDate: string): string {
  let factor = factorCache.get(dueDate);
  if (factor === undefined) {
    factor = computeFactor(dueDate);
    // Bounded: due dates repeat heavily in bulk runs; a long tail must not grow memory.
    if (factorCache.size >= 4096) factorCache.clear();
    factorCache.set(dueDate, factor);
  }
  return factor;
}

const factorCache = new Map<string, string>();

function computeFactor(dueDate: string): string {
  const days = daysSinceFactorBase(dueDate);
  if (days < 1000) throw new RangeError(`Due date ${dueDate} is before 2000-07-03 (factor 1000)`);
  if (days < RESTART_DAYS) return String(days);
  const factor = days - RESTART_DAYS + 1000;
  if (factor > 9999) throw new RangeError(`Due date ${dueDate} is after 2049-10-13 (factor 9999)`);
  return String(factor);
}

export interface BarcodeInput {
  bankCode: string;
  currency?: '9';
  dueDate: string;
  amountCents: bigint;
  freeField: string;
}

/** 44-digit barcode; amount 0..99,999,999.99 (RangeError outside). */
export function buildBarcode(i: BarcodeInput): string {
  if (i.bankCode.length !== 3 || !DIGITS.test(i.bankCode)) {
    throw new RangeError(`Bank code must be 3 digits: "${i.bankCode}"`);
  }
  if (i.freeField.length !== 25 || !DIGITS.test(i.freeField)) {
    throw new RangeError(`Free field must be 25 digits: "${i.freeField}"`);
  }
  if (i.amountCents < 0n || i.amountCents > MAX_AMOUNT_CENTS) {
    throw new RangeError(`Amount ${i.amountCents} cents out of 0..${MAX_AMOUNT_CENTS}`);
  }
  const head = i.bankCode + (i.currency ?? '9');
  const tail = dueDateFactor(i.dueDate) + i.amountCents.toString().padStart(10, '0') + i.freeField;
  return head + String(mod11Barcode(head + tail)) + tail;
}

function assertBarcode(barcode: string): void {
  if (barcode.length !== 44 || !DIGITS.test(barcode)) {
    throw new RangeError(`Barcode must be 44 digits: "${barcode}"`);
  }
  const dv = mod11Barcode(barcode.slice(0, 4) + barcode.slice(5));
  if (barcode.charCodeAt(4) - 48 !== dv) {
    throw new RangeError(`Barcode general DV is ${barcode[4]}, expected ${dv}`);
  }
}

/** 47-digit digitable line (no punctuation) from a barcode; validates the barcode DV. */
export function digitableLine(barcode: string): string {
  assertBarcode(barcode);
  return lineOfCheckedBarcode(barcode);
}

/** digitableLine for a barcode this module just built (skips re-validating its DV). */
export function lineOfCheckedBarcode(barcode: string): string {
  const f1 = barcode.slice(0, 4) + barcode.slice(19, 24);
  const f2 = barcode.slice(24, 34);
  const f3 = barcode.slice(34, 44);
  return (
    f1 + String(mod10(f1)) + f2 + String(mod10(f2)) + f3 + String(mod10(f3)) + barcode.slice(4, 19) // general DV, factor, amount
  );
}

/** Printed form: 'AAAAA.AAAAA BBBBB.BBBBBB CCCCC.CCCCCC D EEEEEEEEEEEEEE'. */
export function formatDigitableLine(line: string): string {
  const l = line.replace(/[.\s]/g, '');
  if (l.length !== 47 || !DIGITS.test(l)) throw new RangeError('Digitable line must be 47 digits');
  return `${l.slice(0, 5)}.${l.slice(5, 10)} ${l.slice(10, 15)}.${l.slice(15, 21)} ${l.slice(21, 26)}.${l.slice(26, 32)} ${l[32]} ${l.slice(33)}`;
}

/** Inverse of digitableLine; accepts the printed form (dots, spaces). Throws on any wrong DV. */
export function barcodeFromDigitableLine(line: string): string {
  const l = line.replace(/[.\s]/g, '');
  if (l.length !== 47 || !DIGITS.test(l)) throw new RangeError('Digitable line must be 47 digits');
  const fields: readonly [number, number][] = [
    [0, 9],
    [10, 20],
    [21, 31],
  ];
  for (const [n, [from, to]] of fields.entries()) {
    const dv = mod10(l.slice(from, to));
    if (l.charCodeAt(to) - 48 !== dv) {
      throw new RangeError(`Digitable line field ${n + 1} DV is ${l[to]}, expected ${dv}`);
    }
  }
  const barcode =
    l.slice(0, 4) + l.slice(32, 47) + l.slice(4, 9) + l.slice(10, 20) + l.slice(21, 31);
  assertBarcode(barcode);
  return barcode;
}
