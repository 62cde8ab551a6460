// Money strings from statements to bigint minor units: never through a float.

const EXPONENTS: Record<string, number> = {
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
};

/** ISO 4217 minor-unit exponent (2 unless listed). */
export function currencyExponent(currency: string): number {
  return EXPONENTS[currency.toUpperCase()] ?? 2;
}

export type DecimalSeparator = '.' | ',';

const SIMPLE = /^(-?)(\d{1,15})(?:([.,])(\d+))?$/;

const CURRENCY_MARKS = /R\$|US\$|\$|€|£|\b(?:BRL|USD|EUR|CHF|GBP|CAD|AUD)\b/gi;

/**
 * Parses `-1.234,56`, `1,234.56`, `11'373.94`, `(12.00)`, `12,00-`, `R$ 12,00`, `12,00 D`
 * into minor units. With no separator given, the last of `.`/`,` is the decimal one unless
 * it repeats (then it groups thousands). Returns undefined for anything else, including
 * more decimals than the currency has (unless they are zeros).
 */
export function parseAmount(
  raw: string,
  exponent: number,
  decimal?: DecimalSeparator,
): bigint | undefined {
  // Fast path for the common `-1234,56` / `1234.5` shapes (most rows of a big file).
  const simple = SIMPLE.exec(raw);
  if (
    simple &&
    (!simple[3] || !decimal || simple[3] === decimal) &&
    (simple[4]?.length ?? 0) <= exponent
  ) {
    const minor = BigInt(simple[2]! + (simple[4] ?? '').padEnd(exponent, '0'));
    return simple[1] ? -minor : minor;
  }
  let s = raw.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
  if (!s) return undefined;
  let negative = false;
  const dc = /^(.*?)\s*([DC])$/i.exec(s);
  if (dc && /\d/.test(dc[1]!)) {
    negative = dc[2]!.toUpperCase() === 'D';
    s = dc[1]!;
  }
  s = s.replace(CURRENCY_MARKS, '').replace(/ /g, '');
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = !negative;
    s = s.slice(1, -1);
  }
  if (s.startsWith('-') || s.startsWith('−')) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.startsWith('+')) s = s.slice(1);
  else if (s.endsWith('-')) {
    negative = !negative;
    s = s.slice(0, -1);
  }
  s = s.replace(CURRENCY_MARKS, '');
  if (!/^[0-9.,']*[0-9][0-9.,']*$/.test(s)) return undefined;
  const sep = decimal ?? guessDecimal(s);
  const thousands = sep === '.' ? /[,']/g : /[.']/g;
  const at = s.lastIndexOf(sep);
  let intPart = at >= 0 ? s.slice(0, at) : s;
  let frac = at >= 0 ? s.slice(at + 1) : '';
  if (intPart.includes(sep) || !/^\d*$/.test(frac)) return undefined;
  if (!validGrouping(intPart, thousands)) return undefined;
  intPart = intPart.replace(thousands, '');
  if (!intPart && !frac) return undefined;
  if (frac.length > exponent) {
    if (/[^0]/.test(frac.slice(exponent))) return undefined;
    frac = frac.slice(0, exponent);
  }
  const minor = BigInt((intPart || '0') + frac.padEnd(exponent, '0'));
  return negative ? -minor : minor;
}

function guessDecimal(s: string): DecimalSeparator {
  const dot = s.lastIndexOf('.');
  const comma = s.lastIndexOf(',');
  if (dot >= 0 && comma >= 0) return dot > comma ? '.' : ',';
  if (comma >= 0) return s.indexOf(',') === comma ? ',' : '.';
  if (dot >= 0) return s.indexOf('.') === dot ? '.' : ',';
  return '.';
}

function validGrouping(intPart: string, thousands: RegExp): boolean {
  const groups = intPart.split(thousands);
  if (groups.length === 1) return true;
  const [first, ...rest] = groups;
  return /^\d{1,3}$/.test(first!) && rest.every((g) => /^\d{3}$/.test(g));
}

/** Looks at sample amount strings and says which decimal separator they use. */
export function detectDecimal(
  samples: string[],
  fallback: DecimalSeparator = '.',
): DecimalSeparator {
  let comma = 0;
  let dot = 0;
  for (const raw of samples) {
    const s = raw.replace(/[^0-9.,']/g, '');
    if (/,\d{1,2}$/.test(s) || /\.\d{3},/.test(s)) comma++;
    else if (/\.\d{1,2}$/.test(s) || /,\d{3}\./.test(s)) dot++;
  }
  return comma > dot ? ',' : dot > comma ? '.' : fallback;
}
