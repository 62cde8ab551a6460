/**
 * Bank-statement descriptions reduced to the merchant: upper case without accents, payment
 * processor prefixes, card and store numbers, dates, installment suffixes and trailing city,
 * state and country codes removed. `normalise('PAG*IFOOD 1234 SAO PAULO BR 12/03')` is `IFOOD`.
 */

// Processors that put their name before the merchant's: PagSeguro, Mercado Pago, PayPal,
// Stone/Cielo (EC *), PicPay, iZettle, Square, Hotmart, Ebanx...
const PREFIX = /^(?:PAG|MP|PP|EC|PICPAY|IZ|SQ|PAYPAL|HOTMART|EBANX|DL|PG|MERCADOPAGO)\s*\*\s*/;
const INSTALLMENT = [
  /\bPARC(?:ELA)?\.?\s*\d{1,2}\s*(?:\/|DE)\s*\d{1,2}\b/g,
  /\b\d{1,2}\s*DE\s*\d{1,2}\b/g,
  /\bINSTAL(?:L)?MENT\s*\d{1,2}\s*(?:\/|OF)\s*\d{1,2}\b/g,
];
const DATES = [
  /\b\d{4}-\d{2}-\d{2}\b/g,
  /\b\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\b/g,
  /\b\d{1,2}\s*(?:JAN|FEV|FEB|MAR|ABR|APR|MAI|MAY|JUN|JUL|AGO|AUG|SET|SEP|OUT|OCT|NOV|DEZ|DEC)\b/g,
  /\b\d{1,2}:\d{2}(?::\d{2})?\b/g,
];
// Masked card numbers, store numbers, authorisation codes: any run containing 3+ digits.
const NUMBERS = /[*X#]*\b[\w-]*\d{3,}[\w-]*\b|[*X]{2,}\d*|#\d+/g;
const TRAILING = new Set(
  [
    // Countries (ISO 3166 alpha-2 and alpha-3 the statements print).
    'BR',
    'BRA',
    'BRASIL',
    'GB',
    'GBR',
    'UK',
    'US',
    'USA',
    'IE',
    'PT',
    'PRT',
    'NL',
    'LU',
    'DE',
    'FR',
    'ES',
    'CA',
    // Brazilian states.
    'AC',
    'AL',
    'AP',
    'AM',
    'BA',
    'CE',
    'DF',
    'ES',
    'GO',
    'MA',
    'MT',
    'MS',
    'MG',
    'PA',
    'PB',
    'PR',
    'PE',
    'PI',
    'RJ',
    'RN',
    'RS',
    'RO',
    'RR',
    'SC',
    'SP',
    'SE',
    'TO',
    // Cities that end statement lines.
    'SAO PAULO',
    'SAO',
    'PAULO',
    'RIO DE JANEIRO',
    'RIO',
    'JANEIRO',
    'BELO HORIZONTE',
    'BELO',
    'HORIZONTE',
    'CURITIBA',
    'PORTO ALEGRE',
    'PORTO',
    'ALEGRE',
    'BRASILIA',
    'SALVADOR',
    'RECIFE',
    'FORTALEZA',
    'CAMPINAS',
    'OSASCO',
    'BARUERI',
    'LONDON',
    'LONDRES',
    'MANCHESTER',
    'DUBLIN',
    'LISBOA',
    'AMSTERDAM',
    'LUXEMBOURG',
    'NEW YORK',
    'SAN FRANCISCO',
    'SEATTLE',
    'GBR',
    'CITY',
  ].map((s) => s),
);

/** Upper case, accents removed, only letters, digits, `*`, `#`, `/`, `-`, `.` and `:` kept. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9*#/.:\- ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function normalise(description: string): string {
  let s = fold(description);
  for (let i = 0; i < 2; i++) s = s.replace(PREFIX, '');
  for (const re of INSTALLMENT) s = s.replace(re, ' ');
  for (const re of DATES) s = s.replace(re, ' ');
  s = s.replace(NUMBERS, ' ');
  s = s
    .replace(/[*#/.:-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // Trailing location words, one at a time (a line may end "SAO PAULO SP BRA").
  let words = s.split(' ').filter(Boolean);
  while (words.length > 1 && TRAILING.has(words[words.length - 1]!)) words = words.slice(0, -1);
  return words.join(' ');
}

/** The words the classifier sees: the normalised description's words of 2+ characters. */
export function tokens(normalised: string): string[] {
  return normalised.split(' ').filter((w) => w.length >= 2);
}
