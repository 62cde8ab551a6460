// `saldo add 45,90 mercado ontem`: amount, date and description from free text, locally.
// (The ai subgraph's parseEntryText takes over once it lands.)

export interface ParsedEntry {
  kind: 'EXPENSE' | 'INCOME';
  /** Decimal string with a dot, e.g. "1234.56". */
  amount: string;
  date: string;
  description: string;
}

const RELATIVE: Record<string, number> = {
  hoje: 0,
  today: 0,
  ontem: -1,
  yesterday: -1,
  anteontem: -2,
  amanha: 1,
  amanhã: 1,
  tomorrow: 1,
};

/** Today in `timeZone` as `YYYY-MM-DD`. */
export function localToday(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const pad = (n: string) => n.padStart(2, '0');

function validDate(date: string): string | null {
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date ? date : null;
}

/** `45,90`, `1.234,56`, `45.90`, `1,234.56`, `+100` -> sign and a dot-decimal string. */
export function parseAmount(token: string): { sign: 1 | -1 | 0; amount: string } | null {
  const m = /^([+-]?)(?:R\$)?(\d[\d.,]*)$/i.exec(token);
  if (!m) return null;
  const [, signText = '', digits = ''] = m;
  let normalised: string;
  if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(digits) || /^\d+(,\d{1,2})?$/.test(digits)) {
    normalised = digits.replace(/\./g, '').replace(',', '.');
  } else if (
    // English thousands only when unambiguous: "1,234.50" or "1,234,567" (not "45,901").
    /^\d{1,3}(,\d{3})+\.\d{1,2}$/.test(digits) ||
    /^\d{1,3}(,\d{3}){2,}$/.test(digits) ||
    /^\d+(\.\d{1,2})?$/.test(digits)
  ) {
    normalised = digits.replace(/,/g, '');
  } else {
    return null;
  }
  return { sign: signText === '+' ? 1 : signText === '-' ? -1 : 0, amount: normalised };
}

function parseDate(token: string, today: string): string | null {
  const word = token.toLowerCase();
  if (word in RELATIVE) return addDays(today, RELATIVE[word] ?? 0);
  if (/^\d{4}-\d{2}-\d{2}$/.test(token)) return validDate(token);
  const m = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{2}|\d{4}))?$/.exec(token);
  if (!m) return null;
  const [, d = '', mo = '', y] = m;
  const year = y === undefined ? today.slice(0, 4) : y.length === 2 ? `20${y}` : y;
  return validDate(`${year}-${pad(mo)}-${pad(d)}`);
}

/** Parses words; `+` before the amount makes an income. Throws on no or two amounts. */
export function parseEntryText(words: readonly string[], today: string): ParsedEntry {
  let amount: { sign: 1 | -1 | 0; amount: string } | null = null;
  let date: string | null = null;
  const rest: string[] = [];
  for (const word of words.flatMap((w) => w.split(/\s+/)).filter(Boolean)) {
    const asAmount: ReturnType<typeof parseAmount> = amount ? null : parseAmount(word);
    if (asAmount) {
      amount = asAmount;
      continue;
    }
    const asDate: string | null = date ? null : parseDate(word, today);
    if (asDate) {
      date = asDate;
      continue;
    }
    rest.push(word);
  }
  if (!amount) throw new Error('no amount found (e.g. `saldo add 45,90 mercado ontem`)');
  return {
    kind: amount.sign === 1 ? 'INCOME' : 'EXPENSE',
    amount: amount.amount,
    date: date ?? today,
    description: rest.join(' '),
  };
}
