// pt-BR by default, English on request. Money and dates always go through Intl.
export type Locale = 'pt-BR' | 'en';

const pt = {
  appName: 'Saldo',
  signIn: 'Entrar',
  register: 'Criar conta',
  signOut: 'Sair',
  email: 'E-mail',
  password: 'Senha',
  name: 'Nome',
  haveAccount: 'Já tenho conta',
  noAccount: 'Não tenho conta',
  language: 'Idioma',
  switchLanguage: 'English',
  overview: 'Visão geral',
  accounts: 'Contas',
  netWorth: 'Patrimônio líquido',
  noAccounts: 'Nenhuma conta ainda. Crie a primeira abaixo.',
  newAccount: 'Nova conta',
  accountName: 'Nome da conta',
  accountType: 'Tipo',
  initialBalance: 'Saldo inicial',
  create: 'Criar',
  entries: 'Lançamentos',
  noEntries: 'Nenhum lançamento ainda.',
  newEntry: 'Novo lançamento',
  kind: 'Tipo',
  EXPENSE: 'Despesa',
  INCOME: 'Receita',
  TRANSFER: 'Transferência',
  account: 'Conta',
  amount: 'Valor',
  description: 'Descrição',
  date: 'Data',
  add: 'Adicionar',
  saving: 'Salvando…',
  live: 'Ao vivo',
  offline: 'Reconectando…',
  loading: 'Carregando…',
  menu: 'Menu principal',
  hello: 'Olá',
  errorAmount: 'Informe um valor positivo, por exemplo 45,90.',
  CHECKING: 'Conta corrente',
  SAVINGS: 'Poupança',
  CASH: 'Dinheiro',
  WALLET: 'Carteira',
  INVESTMENT: 'Investimento',
};

export type MessageKey = keyof typeof pt;

const en: Record<MessageKey, string> = {
  appName: 'Saldo',
  signIn: 'Sign in',
  register: 'Create account',
  signOut: 'Sign out',
  email: 'Email',
  password: 'Password',
  name: 'Name',
  haveAccount: 'I have an account',
  noAccount: 'I have no account',
  language: 'Language',
  switchLanguage: 'Português',
  overview: 'Overview',
  accounts: 'Accounts',
  netWorth: 'Net worth',
  noAccounts: 'No accounts yet. Create the first one below.',
  newAccount: 'New account',
  accountName: 'Account name',
  accountType: 'Type',
  initialBalance: 'Initial balance',
  create: 'Create',
  entries: 'Entries',
  noEntries: 'No entries yet.',
  newEntry: 'New entry',
  kind: 'Kind',
  EXPENSE: 'Expense',
  INCOME: 'Income',
  TRANSFER: 'Transfer',
  account: 'Account',
  amount: 'Amount',
  description: 'Description',
  date: 'Date',
  add: 'Add',
  saving: 'Saving…',
  live: 'Live',
  offline: 'Reconnecting…',
  loading: 'Loading…',
  menu: 'Main menu',
  hello: 'Hello',
  errorAmount: 'Enter a positive amount, e.g. 45.90.',
  CHECKING: 'Checking',
  SAVINGS: 'Savings',
  CASH: 'Cash',
  WALLET: 'Wallet',
  INVESTMENT: 'Investment',
};

const MESSAGES: Record<Locale, Record<MessageKey, string>> = { 'pt-BR': pt, en };

export function translator(locale: Locale): (key: MessageKey) => string {
  return (key) => MESSAGES[locale][key];
}

export function isLocale(value: unknown): value is Locale {
  return value === 'pt-BR' || value === 'en';
}

/**
 * "-1234.56" BRL -> "-R$ 1.234,56" (pt-BR). Intl formats the decimal string itself
 * (no float conversion), so large amounts keep every cent.
 */
export function formatMoney(amount: string, currency: string, locale: Locale): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  // ES2023 Intl accepts numeric strings exactly; TypeScript's lib types only number|bigint.
  return format.format(amount as unknown as number);
}

/** "2026-12-03" -> "03/12/2026" (pt-BR): a calendar date, so formatted in UTC, never shifted. */
export function formatDate(localDate: string, locale: Locale): string {
  const [y, m, d] = localDate.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeZone: 'UTC' }).format(date);
}

/** Today as a LocalDate in the user's time zone (not the browser's). */
export function today(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** What a person types ("1.234,56", "45,90", "45.90") -> the API's Decimal ("1234.56"). */
export function parseAmount(text: string, locale: Locale): string | null {
  let t = text.trim().replace(/\s|R\$/g, '');
  const comma = t.lastIndexOf(',');
  const dot = t.lastIndexOf('.');
  // The separator that comes last is the decimal one; a lone one is decimal unless it
  // groups thousands the locale's way ("1.234" in pt-BR, "1,234" in en).
  let decimal: ',' | '.' | null = null;
  if (comma >= 0 && dot >= 0) decimal = comma > dot ? ',' : '.';
  else if (comma >= 0) decimal = locale === 'en' && /,\d{3}$/.test(t) ? null : ',';
  else if (dot >= 0) decimal = locale === 'pt-BR' && /\.\d{3}$/.test(t) ? null : '.';
  const group = decimal === ',' ? '.' : ',';
  t = t.split(group).join('');
  if (decimal === null) t = t.split(locale === 'en' ? ',' : '.').join('');
  else t = t.replace(decimal, '.');
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null;
  if (!/[1-9]/.test(t)) return null;
  return t;
}

/** Sums decimal strings exactly (minor units as bigint), answering a decimal string. */
export function sumDecimals(amounts: string[]): string {
  let cents = 0n;
  for (const a of amounts) {
    const negative = a.startsWith('-');
    const [int = '0', frac = ''] = a.replace('-', '').split('.');
    const value = BigInt(int) * 100n + BigInt((frac + '00').slice(0, 2));
    cents += negative ? -value : value;
  }
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}
