import { currencyExponent, parseLocalDate, type MoneyValue } from '@saldo/kit';

export type Language = 'pt-BR' | 'en';

/** pt-BR unless the user's locale is English. */
export function languageOf(locale: string | null | undefined): Language {
  return locale?.toLowerCase().startsWith('en') ? 'en' : 'pt-BR';
}

const formats = new Map<string, Intl.NumberFormat>();

/**
 * "R$ 1.234,56" in pt-BR, "R$1,234.56" in English. Works on the decimal string so no
 * float ever holds the amount: the integer part is grouped, the fraction kept as is.
 */
export function formatMoney(money: MoneyValue, language: Language): string {
  const negative = money.amount.startsWith('-');
  const [whole = '0', fraction = ''] = money.amount.replace('-', '').split('.');
  const digits = currencyExponent(money.currency);
  const key = `${language}:${money.currency}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(language, {
      style: 'currency',
      currency: money.currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formats.set(key, format);
  }
  // Format a template number, then put the exact digits in its place.
  const parts = format.formatToParts(negative ? -1 : 1);
  const group = language === 'en' ? ',' : '.';
  const decimal = language === 'en' ? '.' : ',';
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const frac = fraction.padEnd(digits, '0').slice(0, digits);
  return parts
    .map((p) => {
      if (p.type === 'integer') return grouped;
      if (p.type === 'fraction') return frac;
      if (p.type === 'decimal') return decimal;
      if (p.type === 'literal') return ' ';
      return p.value;
    })
    .join('')
    .replace(/\u00a0/g, ' ');
}

/** 03/12/2026 in pt-BR, 12/03/2026 in English (US order). */
export function formatDate(date: string, language: Language): string {
  const { year, month, day } = parseLocalDate(date);
  const dd = String(day).padStart(2, '0');
  const mm = String(month).padStart(2, '0');
  return language === 'en' ? `${mm}/${dd}/${year}` : `${dd}/${mm}/${year}`;
}

/** "2026-03" -> "03/2026". */
export function formatMonth(month: string): string {
  return `${month.slice(5, 7)}/${month.slice(0, 4)}`;
}
