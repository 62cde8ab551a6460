/**
 * A monthly report's numbers, computed here and nowhere else: income, expense and net of the
 * month, the top spending categories, the previous month for comparison, the month's
 * insights as alerts, suggestions that follow from them, and the balance forecast when the
 * month is recent. The text is written around these numbers by the template below, or by a
 * provider whose answer must quote no amount that is not one of them (`quotesOnly`).
 */
import { addMonths, formatAmount, type LocalDate } from '@saldo/kit';
import type { DatedEntry } from '../entries/entry.repository';
import type { Forecast } from '../forecast/forecast';
import type { InsightFinding } from '../insights/insights';
import type { TextLocale } from '../text/entry-text';

export interface MoneyJson {
  amount: string;
  currency: string;
}

/** An alert as the report keeps it: the insight, already in the report's language. */
export interface ReportAlert {
  id: string;
  type: InsightFinding['type'];
  title: string;
  message: string;
  amount: MoneyJson;
  usualAmount: MoneyJson | null;
  change: number | null;
  categoryId: string | null;
  date: string | null;
  entryIds: string[];
}

export interface ReportContent {
  currency: string;
  income: MoneyJson;
  expense: MoneyJson;
  net: MoneyJson;
  entries: number;
  topCategories: { categoryId: string | null; amount: MoneyJson; share: number }[];
  comparison: {
    month: string;
    income: MoneyJson;
    expense: MoneyJson;
    net: MoneyJson;
    /** expense / previous expense - 1; null when nothing was spent the month before. */
    expenseChange: number | null;
  };
  alerts: ReportAlert[];
  suggestions: string[];
  forecast: {
    from: LocalDate;
    days: number;
    balance: MoneyJson;
    expectedEnd: MoneyJson;
    lowest: MoneyJson;
    lowestDate: LocalDate;
  } | null;
}

const TOP = 5;

function sums(entries: readonly DatedEntry[], currency: string, month: string) {
  let income = 0n;
  let expense = 0n;
  for (const e of entries) {
    if (e.currency !== currency || !e.date.startsWith(month)) continue;
    if (e.kind === 'INCOME') income += e.amountMinor;
    if (e.kind === 'EXPENSE') expense += e.amountMinor;
  }
  return { income, expense };
}

/** The report's numbers for `month` from the user's posted entries (the month and the one before). */
export function computeReport(input: {
  month: string;
  entries: readonly DatedEntry[];
  alerts: ReportAlert[];
  forecast: { from: LocalDate; forecast: Forecast; currency: string } | null;
  locale: TextLocale;
}): ReportContent {
  const { month, entries } = input;
  const inMonth = entries.filter((e) => e.date.startsWith(month) && e.kind !== 'TRANSFER');
  const counts = new Map<string, number>();
  for (const e of inMonth) counts.set(e.currency, (counts.get(e.currency) ?? 0) + 1);
  const currency =
    [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ??
    input.forecast?.currency ??
    'BRL';
  const m = (minor: bigint): MoneyJson => ({ amount: formatAmount(minor, currency), currency });
  const now = sums(entries, currency, month);
  const previous = addMonths(`${month}-01`, -1).slice(0, 7);
  const before = sums(entries, currency, previous);

  const byCategory = new Map<string | null, bigint>();
  for (const e of inMonth) {
    if (e.kind !== 'EXPENSE' || e.currency !== currency) continue;
    byCategory.set(e.categoryId, (byCategory.get(e.categoryId) ?? 0n) + e.amountMinor);
  }
  const topCategories = [...byCategory]
    .sort((a, b) => (a[1] > b[1] ? -1 : a[1] < b[1] ? 1 : String(a[0]).localeCompare(String(b[0]))))
    .slice(0, TOP)
    .map(([categoryId, amount]) => ({
      categoryId,
      amount: m(amount),
      share:
        now.expense > 0n ? Math.round((Number(amount) / Number(now.expense)) * 10_000) / 10_000 : 0,
    }));

  let forecast: ReportContent['forecast'] = null;
  if (input.forecast) {
    const { forecast: f, currency: fc, from } = input.forecast;
    const last = f.points[f.points.length - 1];
    const lowest = f.points.reduce((a, p) => (p.expectedMinor < a.expectedMinor ? p : a));
    const fm = (minor: bigint): MoneyJson => ({ amount: formatAmount(minor, fc), currency: fc });
    if (last) {
      forecast = {
        from,
        days: f.points.length - 1,
        balance: fm(f.balanceMinor),
        expectedEnd: fm(last.expectedMinor),
        lowest: fm(lowest.expectedMinor),
        lowestDate: lowest.date,
      };
    }
  }
  const content: ReportContent = {
    currency,
    income: m(now.income),
    expense: m(now.expense),
    net: m(now.income - now.expense),
    entries: inMonth.length,
    topCategories,
    comparison: {
      month: previous,
      income: m(before.income),
      expense: m(before.expense),
      net: m(before.income - before.expense),
      expenseChange:
        before.expense > 0n
          ? Math.round((Number(now.expense) / Number(before.expense) - 1) * 10_000) / 10_000
          : null,
    },
    alerts: input.alerts,
    suggestions: [],
    forecast,
  };
  content.suggestions = suggestions(content, input.locale);
  return content;
}

// ------------------------------------------------------------------------------------ text

const tagOf = (locale: TextLocale) => (locale === 'pt-BR' ? 'pt-BR' : locale);

export function formatMoney(money: MoneyJson, locale: TextLocale): string {
  return new Intl.NumberFormat(tagOf(locale), { style: 'currency', currency: money.currency })
    .format(Number(money.amount))
    .replace(/\u00a0/g, ' ');
}

function formatDay(date: string, locale: TextLocale): string {
  return new Intl.DateTimeFormat(tagOf(locale), { dateStyle: 'short', timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

function monthName(month: string, locale: TextLocale): string {
  return new Intl.DateTimeFormat(tagOf(locale), {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}-15T12:00:00Z`));
}

/** A ratio as whole percent, rounded on its basis points (0.575 -> 58, not 57.4999...). */
export const percent = (x: number) => Math.round(Math.round(Math.abs(x) * 10_000) / 100);
const pct = (x: number) => `${percent(x)} %`;

function suggestions(c: ReportContent, locale: TextLocale): string[] {
  const pt = locale === 'pt-BR';
  const out: string[] = [];
  const money = (x: MoneyJson) => formatMoney(x, locale);
  if (c.net.amount.startsWith('-')) {
    out.push(
      pt
        ? `Você gastou ${money(c.expense)} e recebeu ${money(c.income)}: reveja os maiores gastos para fechar o próximo mês no azul.`
        : `You spent ${money(c.expense)} and received ${money(c.income)}: look at the biggest expenses to end next month in the black.`,
    );
  }
  const types = new Set(c.alerts.map((a) => a.type));
  if (types.has('DUPLICATE_CHARGE')) {
    out.push(
      pt
        ? 'Confira as cobranças duplicadas com o estabelecimento ou o banco e peça o estorno.'
        : 'Check the duplicate charges with the merchant or your bank and ask for a refund.',
    );
  }
  if (types.has('PRICE_INCREASE')) {
    out.push(
      pt
        ? 'Uma assinatura ficou mais cara: veja se ainda vale o preço ou se há um plano menor.'
        : 'A subscription got dearer: check it is still worth it or whether a smaller plan exists.',
    );
  }
  const top = c.topCategories[0];
  if (top && top.share >= 0.4 && top.categoryId) {
    out.push(
      pt
        ? `Uma só categoria levou ${pct(top.share)} dos gastos (${money(top.amount)}): um orçamento para ela ajuda a acompanhar.`
        : `One category took ${pct(top.share)} of spending (${money(top.amount)}): a budget for it helps keep track.`,
    );
  }
  if (c.forecast && c.forecast.lowest.amount.startsWith('-')) {
    out.push(
      pt
        ? `O saldo previsto chega a ${money(c.forecast.lowest)} em ${formatDay(c.forecast.lowestDate, locale)}: adie um gasto ou reserve dinheiro antes disso.`
        : `Your balance is expected to reach ${money(c.forecast.lowest)} on ${formatDay(c.forecast.lowestDate, locale)}: postpone a purchase or set money aside before then.`,
    );
  }
  return out;
}

/** The report's text from the template: every number in it is one of `c`'s. */
export function templateText(month: string, c: ReportContent, locale: TextLocale): string {
  const pt = locale === 'pt-BR';
  const money = (x: MoneyJson) => formatMoney(x, locale);
  const name = monthName(month, locale);
  const lines: string[] = [];
  if (c.entries === 0) {
    return pt ? `Nenhum lançamento em ${name}.` : `No entries in ${name}.`;
  }
  lines.push(
    pt
      ? `Em ${name} você recebeu ${money(c.income)} e gastou ${money(c.expense)}, um saldo de ${money(c.net)}.`
      : `In ${name} you received ${money(c.income)} and spent ${money(c.expense)}, a net of ${money(c.net)}.`,
  );
  const change = c.comparison.expenseChange;
  if (change !== null) {
    const up = change >= 0;
    lines.push(
      pt
        ? `Os gastos ${up ? 'subiram' : 'caíram'} ${pct(change)} em relação ao mês anterior (${money(c.comparison.expense)}).`
        : `Spending was ${pct(change)} ${up ? 'higher' : 'lower'} than the month before (${money(c.comparison.expense)}).`,
    );
  }
  if (c.alerts.length > 0) {
    lines.push(
      pt
        ? `${c.alerts.length === 1 ? 'Um ponto de atenção' : `${c.alerts.length} pontos de atenção`}: ${c.alerts.map((a) => a.message).join(' ')}`
        : `${c.alerts.length === 1 ? 'One thing to look at' : `${c.alerts.length} things to look at`}: ${c.alerts.map((a) => a.message).join(' ')}`,
    );
  }
  if (c.forecast) {
    lines.push(
      pt
        ? `Para os próximos ${c.forecast.days} dias, o saldo previsto vai de ${money(c.forecast.balance)} a ${money(c.forecast.expectedEnd)}.`
        : `Over the next ${c.forecast.days} days your balance is expected to go from ${money(c.forecast.balance)} to ${money(c.forecast.expectedEnd)}.`,
    );
  }
  return lines.join(' ');
}

/** Every amount and percentage `c` holds, as the digits a text may quote them with. */
function allowedNumbers(c: ReportContent): Set<string> {
  const allowed = new Set<string>();
  const add = (amount: string) => {
    const abs = amount.replace(/^-/, '');
    const [int, frac = ''] = abs.split('.');
    allowed.add(`${int}${frac}`);
    allowed.add(int as string);
    if (/^0*$/.test(frac)) allowed.add(int as string);
  };
  const money = [
    c.income,
    c.expense,
    c.net,
    c.comparison.income,
    c.comparison.expense,
    c.comparison.net,
  ];
  for (const t of c.topCategories) money.push(t.amount);
  for (const a of c.alerts) {
    money.push(a.amount);
    if (a.usualAmount) money.push(a.usualAmount);
    if (a.change !== null) allowed.add(String(percent(a.change)));
    if (a.date) for (const part of a.date.split('-')) allowed.add(String(Number(part)));
  }
  if (c.forecast) {
    money.push(c.forecast.balance, c.forecast.expectedEnd, c.forecast.lowest);
    allowed.add(String(c.forecast.days));
    for (const part of c.forecast.lowestDate.split('-')) allowed.add(String(Number(part)));
  }
  for (const m of money) add(m.amount);
  for (const t of c.topCategories) allowed.add(String(percent(t.share)));
  if (c.comparison.expenseChange !== null) {
    allowed.add(String(percent(c.comparison.expenseChange)));
  }
  allowed.add(String(c.entries));
  return allowed;
}

/**
 * Does `text` quote only numbers of `c` (amounts in either notation, percentages, the
 * month's year and day numbers)? A provider's text that invents a figure is not used.
 */
export function quotesOnly(text: string, c: ReportContent, month: string): boolean {
  const allowed = allowedNumbers(c);
  const [year, mm] = month.split('-');
  allowed.add(year as string).add(String(Number(mm)));
  for (const token of text.match(/\d[\d.,]*\d|\d/g) ?? []) {
    // 1.234,56 / 1,234.56 / 1234.56 / 1234 -> the digits, the decimals kept.
    const digits = token.replace(/[.,](?=\d{3}(\D|$))/g, '').replace(/[.,]/g, '');
    const trimmed = digits.replace(/^0+(?=\d)/, '');
    if (!allowed.has(trimmed)) return false;
  }
  return true;
}
