/**
 * Entries from plain text, as a person types them in a chat: `gastei 45,90 no mercado ontem`,
 * `recebi 3.500 de salario dia 5`, `uber 23,50`, `paid $12.30 for lunch yesterday`.
 *
 * The text is read token by token: first the date words (relative days, weekdays, `dia 5`,
 * `05/03`, `5 de março`, `March 5th`), then the amount (the number with a currency mark or
 * decimals wins over a bare one), then the verb that gives the kind; what is left, trimmed of
 * edge stop words, is the description. Every field is null where the text does not say it,
 * except the kind (a bare `what amount` line is an expense, as chat entries are, and `+100` an
 * income) and the date (no date said means today in the user's time zone).
 */
import {
  addDays,
  dayOfWeek,
  daysInMonth,
  formatAmount,
  formatLocalDate,
  MAX_AMOUNT,
  parseLocalDate,
  type LocalDate,
} from '@saldo/kit';
import type { EntryKind } from '../categorise/model';

export const MAX_TEXT = 500;

export type TextLocale = 'pt-BR' | 'en' | 'en-US';

export interface EntryTextDraft {
  kind: EntryKind | null;
  /** Decimal string, positive. */
  amount: string | null;
  /** ISO 4217 when the text names it (R$, reais, US$, $, dollars, €, £). */
  currency: string | null;
  date: LocalDate | null;
  description: string | null;
  /** The language it was read in (the caller's, or detected). */
  locale: TextLocale;
}

interface Token {
  text: string;
  /** Lower case, accents removed. */
  folded: string;
  used: boolean;
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

function tokenise(text: string): Token[] {
  return text
    .split(/\s+/)
    .map((t) => t.replace(/^[("'“‘]+|[.,!?;:)"'”’]+$/g, ''))
    .filter((t) => t !== '')
    .map((t) => ({ text: t, folded: fold(t), used: false }));
}

// ---------------------------------------------------------------------------------- language

const ENGLISH = new Set(
  'spent spend paid pay bought buy received got earned salary paycheck transferred for at on the yesterday today last lunch dinner bucks dollars from my'.split(
    ' ',
  ),
);
const PORTUGUESE = new Set(
  'gastei gasto paguei comprei recebi ganhei entrou caiu transferi no na de do da em pra para ontem hoje anteontem reais dia mercado salario'.split(
    ' ',
  ),
);

export function detectLocale(text: string): TextLocale {
  let en = 0;
  let pt = 0;
  for (const t of tokenise(text)) {
    if (ENGLISH.has(t.folded)) en++;
    if (PORTUGUESE.has(t.folded)) pt++;
  }
  return en > pt ? 'en' : 'pt-BR';
}

// -------------------------------------------------------------------------------------- dates

const WEEKDAYS: Record<string, number> = {
  // 1 = Monday .. 6 = Saturday as the kit's dayOfWeek; Sunday 7 (its 0, the same mod 7).
  segunda: 1,
  'segunda-feira': 1,
  terca: 2,
  'terca-feira': 2,
  quarta: 3,
  'quarta-feira': 3,
  quinta: 4,
  'quinta-feira': 4,
  sexta: 5,
  'sexta-feira': 5,
  sabado: 6,
  domingo: 7,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
};

const MONTHS: Record<string, number> = {};
[
  ['janeiro', 'jan', 'january'],
  ['fevereiro', 'fev', 'february', 'feb'],
  ['marco', 'mar', 'march'],
  ['abril', 'abr', 'april', 'apr'],
  ['maio', 'mai', 'may'],
  ['junho', 'jun', 'june'],
  ['julho', 'jul', 'july'],
  ['agosto', 'ago', 'august', 'aug'],
  ['setembro', 'set', 'september', 'sep', 'sept'],
  ['outubro', 'out', 'october', 'oct'],
  ['novembro', 'nov', 'november'],
  ['dezembro', 'dez', 'december', 'dec'],
].forEach((names, i) => names.forEach((n) => (MONTHS[n] = i + 1)));

/** The latest day `day` of a month that is not after today (looking back up to a year). */
function latestDay(today: LocalDate, day: number, month?: number): LocalDate | null {
  const t = parseLocalDate(today);
  for (let back = 0; back <= 12; back++) {
    const m0 = t.month - 1 - back;
    const year = t.year + Math.floor(m0 / 12);
    const m = (((m0 % 12) + 12) % 12) + 1;
    if (month !== undefined && m !== month) continue;
    if (day > daysInMonth(year, m)) continue;
    const date = formatLocalDate(year, m, day);
    if (date <= today) return date;
  }
  return null;
}

function explicitDate(year: number, month: number, day: number): LocalDate | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return formatLocalDate(year, month, day);
}

const ORDINAL = /^(\d{1,2})(?:st|nd|rd|th|º|o)?$/;

/** Finds and consumes the date words; undefined when the text names none. */
function readDate(
  tokens: Token[],
  today: LocalDate,
  locale: TextLocale,
): LocalDate | null | undefined {
  const at = (i: number) => tokens[i]?.folded ?? '';
  const take = (from: number, count: number) => {
    for (let k = from; k < from + count; k++) (tokens[k] as Token).used = true;
  };
  for (let i = 0; i < tokens.length; i++) {
    const w = at(i);
    // Relative days.
    if (w === 'hoje' || w === 'today') {
      take(i, 1);
      return today;
    }
    if (w === 'amanha' || w === 'tomorrow') {
      take(i, 1);
      return addDays(today, 1);
    }
    if (w === 'anteontem') {
      take(i, 1);
      return addDays(today, -2);
    }
    if (
      (w === 'day' && at(i + 1) === 'before' && at(i + 2) === 'yesterday') ||
      (w === 'antes' && at(i + 1) === 'de' && at(i + 2) === 'ontem')
    ) {
      take(i, 3);
      return addDays(today, -2);
    }
    if (w === 'ontem' || w === 'yesterday') {
      take(i, 1);
      return addDays(today, -1);
    }
    // ISO and numeric dates.
    let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(w);
    if (m) {
      take(i, 1);
      return explicitDate(Number(m[1]), Number(m[2]), Number(m[3]));
    }
    m = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$/.exec(w);
    if (m && (tokens[i] as Token).text.includes('/')) {
      take(i, 1);
      const [a, b] = [Number(m[1]), Number(m[2])];
      const [day, month] = locale === 'en-US' ? [b, a] : [a, b];
      if (m[3] === undefined) {
        return month >= 1 && month <= 12 ? latestDay(today, day, month) : null;
      }
      const year = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
      return explicitDate(year, month, day);
    }
    // Weekdays: the latest one not after today; "passada"/"last" means before today.
    const weekday = WEEKDAYS[w];
    if (weekday !== undefined) {
      const last = at(i - 1) === 'last' || /^passad[ao]$/.test(at(i + 1));
      take(i, 1);
      if (at(i - 1) === 'last' || at(i - 1) === 'on' || at(i - 1) === 'na' || at(i - 1) === 'no') {
        take(i - 1, 1);
      }
      if (/^passad[ao]$/.test(at(i + 1))) take(i + 1, 1);
      const back = (dayOfWeek(today) - weekday + 7) % 7;
      return addDays(today, -(back === 0 && last ? 7 : back));
    }
    // "dia 5", "5 de março", "on the 5th", "March 5th", "5 March".
    if (w === 'dia' && /^\d{1,2}$/.test(at(i + 1))) {
      const day = Number(at(i + 1));
      const month = at(i + 2) === 'de' ? MONTHS[at(i + 3)] : undefined;
      take(i, month !== undefined ? 4 : 2);
      return latestDay(today, day, month);
    }
    const ordinal = ORDINAL.exec(w);
    if (ordinal && w !== ordinal[1] + '') {
      // "5th" alone (an ordinal suffix says it is a day, not an amount).
      const month = MONTHS[at(i + 1)] ?? (at(i + 1) === 'of' ? MONTHS[at(i + 2)] : undefined);
      const count = month === undefined ? 1 : at(i + 1) === 'of' ? 3 : 2;
      take(i, count);
      if (at(i - 1) === 'the') take(i - 1, 1);
      if (at(i - 2) === 'on' && at(i - 1) === 'the') take(i - 2, 1);
      return latestDay(today, Number(ordinal[1]), month);
    }
    if (/^\d{1,2}$/.test(w) && at(i + 1) === 'de' && MONTHS[at(i + 2)] !== undefined) {
      take(i, 3);
      return latestDay(today, Number(w), MONTHS[at(i + 2)]);
    }
    if (/^\d{1,2}$/.test(w) && MONTHS[at(i + 1)] !== undefined && at(i + 1).length > 3) {
      take(i, 2);
      return latestDay(today, Number(w), MONTHS[at(i + 1)]);
    }
    const month = MONTHS[w];
    if (month !== undefined && w.length > 3) {
      const day = ORDINAL.exec(at(i + 1));
      if (day) {
        take(i, 2);
        return latestDay(today, Number(day[1]), month);
      }
    }
  }
  return undefined;
}

// ------------------------------------------------------------------------------------ amounts

const CURRENCY_MARKS: Record<string, string> = {
  r$: 'BRL',
  brl: 'BRL',
  reais: 'BRL',
  real: 'BRL',
  us$: 'USD',
  usd: 'USD',
  $: 'USD',
  dollars: 'USD',
  dollar: 'USD',
  dolares: 'USD',
  bucks: 'USD',
  '€': 'EUR',
  eur: 'EUR',
  euros: 'EUR',
  euro: 'EUR',
  '£': 'GBP',
  gbp: 'GBP',
  pounds: 'GBP',
  libras: 'GBP',
};
const THOUSANDS = new Set(['mil', 'k', 'thousand']);
const NUMBER =
  /^([+-])?(r\$|us\$|\$|€|£)?(\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)(k|mil)?$/;

/**
 * "3.500" -> 350000, "45,90" -> 4590, "1.234,56" / "1,234.56" -> 123456, "12.3" -> 1230 (cents).
 * A separator followed by exactly three digits groups thousands (money has at most two
 * decimals); of two different separators, the last is the decimal one.
 */
export function centsOf(number: string): bigint | null {
  const last = Math.max(number.lastIndexOf(','), number.lastIndexOf('.'));
  let whole = number;
  let fraction = '';
  if (last >= 0 && number.length - last - 1 <= 2) {
    whole = number.slice(0, last);
    fraction = number.slice(last + 1);
  }
  whole = whole.replace(/[.,]/g, '');
  if (!/^\d+$/.test(whole) || !/^\d{0,2}$/.test(fraction)) return null;
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0') || '0');
}

interface AmountCandidate {
  cents: bigint;
  currency: string | null;
  /** "+100" is an income and "-100" an expense when no word says the kind. */
  sign: '+' | '-' | '';
  score: number;
  tokens: number[];
}

function readAmount(tokens: Token[]): Omit<AmountCandidate, 'score' | 'tokens'> | null {
  const candidates: AmountCandidate[] = [];
  tokens.forEach((token, i) => {
    if (token.used) return;
    const m = NUMBER.exec(token.folded);
    if (!m) return;
    let cents = centsOf(m[3] as string);
    if (cents === null) return;
    const used = [i];
    let currency = m[2] ? (CURRENCY_MARKS[m[2]] ?? null) : null;
    let thousands = m[4] !== undefined;
    const before = tokens[i - 1];
    if (!currency && before && !before.used && CURRENCY_MARKS[before.folded]) {
      currency = CURRENCY_MARKS[before.folded] ?? null;
      used.push(i - 1);
    }
    const after = tokens[i + 1];
    if (!thousands && after && !after.used && THOUSANDS.has(after.folded)) {
      thousands = true;
      used.push(i + 1);
    }
    const next = tokens[used.includes(i + 1) ? i + 2 : i + 1];
    if (!currency && next && !next.used && CURRENCY_MARKS[next.folded]) {
      currency = CURRENCY_MARKS[next.folded] ?? null;
      used.push(used.includes(i + 1) ? i + 2 : i + 1);
    }
    if (thousands) cents *= 1000n;
    if (cents <= 0n || cents > MAX_AMOUNT) return;
    const decimals = /[.,]\d{1,2}$/.test(m[3] as string);
    candidates.push({
      cents,
      currency,
      sign: (m[1] ?? '') as AmountCandidate['sign'],
      score: (currency ? 2 : 0) + (decimals ? 1 : 0),
      tokens: used,
    });
  });
  const best = candidates.reduce<AmountCandidate | null>(
    (b, c) => (b === null || c.score > b.score ? c : b),
    null,
  );
  if (!best) return null;
  for (const i of best.tokens) (tokens[i] as Token).used = true;
  return { cents: best.cents, currency: best.currency, sign: best.sign };
}

// --------------------------------------------------------------------------------------- kind

const KIND_WORDS: [EntryKind, readonly string[]][] = [
  [
    'TRANSFER',
    ['transferi', 'transferimos', 'transferir', 'transferred', 'transfer', 'moved', 'movi'],
  ],
  [
    'INCOME',
    ['recebi', 'recebemos', 'ganhei', 'entrou', 'caiu', 'recebido', 'received', 'earned', 'got'],
  ],
  [
    'EXPENSE',
    [
      'gastei',
      'gastamos',
      'gasto',
      'paguei',
      'pagamos',
      'comprei',
      'compramos',
      'spent',
      'paid',
      'bought',
      'spend',
      'pay',
    ],
  ],
];
// Nouns that say the kind when no verb does (kept in the description).
const KIND_NOUNS: [EntryKind, readonly string[]][] = [
  ['INCOME', ['salario', 'salary', 'paycheck', 'reembolso', 'refund', 'renda', 'income']],
];

function readKind(tokens: Token[]): EntryKind | null {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.used) continue;
    for (const [kind, words] of KIND_WORDS) {
      if (!words.includes(token.folded)) continue;
      token.used = true;
      // "got paid": one income, both words consumed.
      if (token.folded === 'got' && tokens[i + 1]?.folded === 'paid') {
        (tokens[i + 1] as Token).used = true;
      }
      return kind;
    }
  }
  for (const token of tokens) {
    if (token.used) continue;
    for (const [kind, words] of KIND_NOUNS) if (words.includes(token.folded)) return kind;
  }
  return null;
}

// -------------------------------------------------------------------------------- description

const EDGE_WORDS = new Set(
  'no na nos nas num numa em de do da dos das com pra pro para por o a os as um uma e que eu meu minha hoje for at on in the a an to of with my and i from de'.split(
    ' ',
  ),
);

function describe(tokens: Token[]): string | null {
  const words = tokens.filter((t) => !t.used);
  while (words.length > 0 && EDGE_WORDS.has((words[0] as Token).folded)) words.shift();
  while (words.length > 0 && EDGE_WORDS.has((words[words.length - 1] as Token).folded)) words.pop();
  const text = words
    .map((w) => w.text)
    .join(' ')
    .slice(0, 120)
    .trim();
  if (text === '' || !/\p{L}/u.test(text)) return null;
  return text.charAt(0).toLocaleUpperCase('pt-BR') + text.slice(1);
}

// -------------------------------------------------------------------------------------- entry

/**
 * Reads one entry from `text`; null when it names neither an amount nor a kind (a greeting,
 * a question). `today` is the user's today (their time zone).
 */
export function parseEntryText(
  text: string,
  options: { today: LocalDate; locale?: TextLocale },
): EntryTextDraft | null {
  const locale = options.locale ?? detectLocale(text);
  const tokens = tokenise(text);
  const date = readDate(tokens, options.today, locale);
  const amount = readAmount(tokens);
  const kindSaid = readKind(tokens);
  if (amount === null && kindSaid === null) return null;
  return {
    kind: kindSaid ?? (amount?.sign === '+' ? 'INCOME' : 'EXPENSE'),
    amount: amount ? formatAmount(amount.cents, 'BRL') : null,
    currency: amount?.currency ?? null,
    date: date === undefined ? options.today : date,
    description: describe(tokens),
    locale,
  };
}
