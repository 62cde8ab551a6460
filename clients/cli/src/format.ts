export type Lang = 'pt-BR' | 'en-US';

/** pt-BR for a Portuguese locale (LC_ALL, LC_MESSAGES, LANG), English otherwise. */
export function langFrom(env: NodeJS.ProcessEnv, explicit?: string): Lang {
  const locale = explicit ?? env['LC_ALL'] ?? env['LC_MESSAGES'] ?? env['LANG'] ?? '';
  return /^pt/i.test(locale) ? 'pt-BR' : 'en-US';
}

/** `R$ 1.234,56` / `R$1,234.56`, exactly from the Decimal string (no float rounding). */
export function money(lang: Lang, value: { amount: string; currency: string }): string {
  const format = new Intl.NumberFormat(lang, { style: 'currency', currency: value.currency });
  // Intl formats a numeric string exactly (NumberFormat v3, Node 20+).
  return format.format(value.amount as unknown as number).replace(/\u00a0/g, ' ');
}

/** A LocalDate (`YYYY-MM-DD`) as `31/12/2025` or `12/31/2025`. */
export function day(lang: Lang, date: string): string {
  const [y, m, d] = date.split('-');
  return lang === 'pt-BR' ? `${d}/${m}/${y}` : `${m}/${d}/${y}`;
}

/** One bar of a terminal chart: `width` cells for `max`. */
export function bar(value: number, max: number, width = 30): string {
  if (max <= 0 || value <= 0) return '';
  const cells = Math.max(1, Math.round((value / max) * width));
  return '█'.repeat(cells);
}

const WORDS = {
  'pt-BR': {
    name: 'Nome',
    type: 'Tipo',
    balance: 'Saldo',
    date: 'Data',
    description: 'Descrição',
    account: 'Conta',
    category: 'Categoria',
    amount: 'Valor',
    status: 'Situação',
    card: 'Cartão',
    limit: 'Limite',
    available: 'Disponível',
    invoice: 'Fatura',
    due: 'Vencimento',
    period: 'Período',
    credits: 'Entradas',
    debits: 'Saídas',
    net: 'Líquido',
    total: 'Total',
    none: 'Nada encontrado.',
  },
  'en-US': {
    name: 'Name',
    type: 'Type',
    balance: 'Balance',
    date: 'Date',
    description: 'Description',
    account: 'Account',
    category: 'Category',
    amount: 'Amount',
    status: 'Status',
    card: 'Card',
    limit: 'Limit',
    available: 'Available',
    invoice: 'Invoice',
    due: 'Due',
    period: 'Period',
    credits: 'Credits',
    debits: 'Debits',
    net: 'Net',
    total: 'Total',
    none: 'Nothing found.',
  },
} as const;

export type Word = keyof (typeof WORDS)['en-US'];
export const t = (lang: Lang, word: Word): string => WORDS[lang][word];

/** Exact sum of Decimal strings (any scale), e.g. for totals per currency. */
export function sumDecimals(amounts: readonly string[]): string {
  const scale = Math.max(0, ...amounts.map((a) => (a.split('.')[1] ?? '').length));
  let total = 0n;
  for (const a of amounts) {
    const [int = '0', frac = ''] = a.replace(/^-/, '').split('.');
    const units = BigInt(int + frac.padEnd(scale, '0'));
    total += a.startsWith('-') ? -units : units;
  }
  const digits = (total < 0n ? -total : total).toString().padStart(scale + 1, '0');
  const sign = total < 0n ? '-' : '';
  return scale === 0
    ? `${sign}${digits}`
    : `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}
