import type { MoneyValue } from '@saldo/kit';
import { formatDate, formatMoney, formatMonth, type Language } from './format';
import { NotificationType } from './types';

/** What each type's text needs; triggers fill it from the event. */
export interface MessageFacts {
  name?: string;
  amount?: MoneyValue;
  limit?: MoneyValue;
  date?: string;
  month?: string;
  days?: number;
  label?: string;
  /** DAILY_SUMMARY: balance per currency over the asset accounts, and unread count. */
  totals?: MoneyValue[];
  count?: number;
  /** IMPORT_*: rows skipped as duplicates; the failure's line (0: none) and reason. */
  duplicates?: number;
  line?: number;
  reason?: string;
}

export interface Message {
  title: string;
  body: string;
}

type Texts = (f: Required<MessageFacts>, l: Language) => Message;

const money = (m: MoneyValue, l: Language) => formatMoney(m, l);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const sp = (label: string) => (label ? ` ${label}` : '');
const totalsText = (totals: MoneyValue[], l: Language) =>
  totals.length === 0 ? money(ZERO, l) : totals.map((t) => money(t, l)).join(' + ');

const PT: Record<NotificationType, Texts> = {
  WELCOME: (f) => ({
    title: 'Bem-vindo ao Saldo',
    body: `Olá, ${f.name}! Sua conta está pronta. Cadastre suas contas e cartões para começar.`,
  }),
  PASSWORD_RESET: () => ({
    title: 'Redefinição de senha',
    body: 'Recebemos um pedido para redefinir sua senha.',
  }),
  BILL_DUE_SOON: (f, l) => ({
    title: f.days === 0 ? 'Conta vence hoje' : `Conta vence em ${f.days} dias`,
    body: `${f.label}: ${money(f.amount, l)}, vencimento em ${formatDate(f.date, l)}.`,
  }),
  INVOICE_CLOSED: (f, l) => ({
    title: `Fatura${sp(f.label)} fechada`,
    body: `A fatura de ${formatMonth(f.month)} fechou em ${money(f.amount, l)}, vence em ${formatDate(f.date, l)}.`,
  }),
  INVOICE_DUE_SOON: (f, l) => ({
    title: `Fatura${sp(f.label)} vence em ${f.days} dias`,
    body: `Faltam ${money(f.amount, l)} da fatura de ${formatMonth(f.month)}, vencimento em ${formatDate(f.date, l)}.`,
  }),
  BUDGET_EXCEEDED: (f, l) => ({
    title: 'Orçamento estourado',
    body: `Você gastou ${money(f.amount, l)} de ${money(f.limit, l)}${f.label ? ` em ${f.label}` : ''} em ${formatMonth(f.month)}.`,
  }),
  IMPORT_COMPLETED: (f) => ({
    title: 'Importação concluída',
    body: `${f.label || 'Extrato'}: ${plural(f.count, 'lançamento importado', 'lançamentos importados')}${f.duplicates > 0 ? `, ${plural(f.duplicates, 'duplicado ignorado', 'duplicados ignorados')}` : ''}.`,
  }),
  IMPORT_FAILED: (f) => ({
    title: 'Importação falhou',
    body: `Não foi possível importar ${f.label || 'o extrato'}${f.line > 0 ? ` (linha ${f.line})` : ''}${f.reason ? `: ${f.reason}` : '.'}`,
  }),
  LOW_BALANCE: (f, l) => ({
    title: `Saldo baixo em ${f.label}`,
    body: `O saldo de ${f.label} está em ${money(f.amount, l)}, abaixo do seu limite de ${money(f.limit, l)}.`,
  }),
  DAILY_SUMMARY: (f, l) => ({
    title: `Resumo de ${formatDate(f.date, l)}`,
    body: `Saldo das contas: ${totalsText(f.totals, l)}. Notificações não lidas: ${f.count}.`,
  }),
  REPORT_READY: (f, l) => ({
    title: `Relatório de ${formatMonth(f.month)} pronto`,
    body: `Saldo do mês: ${money(f.amount, l)}. ${f.count === 0 ? 'Nenhum ponto de atenção.' : f.count === 1 ? 'Um ponto de atenção.' : `${f.count} pontos de atenção.`}`,
  }),
  TEST: () => ({
    title: 'Notificação de teste',
    body: 'Se você está lendo isto, o canal funciona.',
  }),
};

const EN: Record<NotificationType, Texts> = {
  WELCOME: (f) => ({
    title: 'Welcome to Saldo',
    body: `Hi ${f.name}! Your account is ready. Add your accounts and cards to get started.`,
  }),
  PASSWORD_RESET: () => ({
    title: 'Password reset',
    body: 'We received a request to reset your password.',
  }),
  BILL_DUE_SOON: (f, l) => ({
    title: f.days === 0 ? 'Bill due today' : `Bill due in ${f.days} days`,
    body: `${f.label}: ${money(f.amount, l)}, due ${formatDate(f.date, l)}.`,
  }),
  INVOICE_CLOSED: (f, l) => ({
    title: `${f.label || 'Card'} statement closed`,
    body: `Your ${formatMonth(f.month)} statement closed at ${money(f.amount, l)}, due ${formatDate(f.date, l)}.`,
  }),
  INVOICE_DUE_SOON: (f, l) => ({
    title: `${f.label || 'Card'} statement due in ${f.days} days`,
    body: `${money(f.amount, l)} left on your ${formatMonth(f.month)} statement, due ${formatDate(f.date, l)}.`,
  }),
  BUDGET_EXCEEDED: (f, l) => ({
    title: 'Budget exceeded',
    body: `You spent ${money(f.amount, l)} of ${money(f.limit, l)}${f.label ? ` on ${f.label}` : ''} in ${formatMonth(f.month)}.`,
  }),
  IMPORT_COMPLETED: (f) => ({
    title: 'Import completed',
    body: `${f.label || 'Statement'}: ${plural(f.count, 'entry imported', 'entries imported')}${f.duplicates > 0 ? `, ${plural(f.duplicates, 'duplicate skipped', 'duplicates skipped')}` : ''}.`,
  }),
  IMPORT_FAILED: (f) => ({
    title: 'Import failed',
    body: `${f.label || 'The statement'} could not be imported${f.line > 0 ? ` (line ${f.line})` : ''}${f.reason ? `: ${f.reason}` : '.'}`,
  }),
  LOW_BALANCE: (f, l) => ({
    title: `Low balance on ${f.label}`,
    body: `${f.label} is at ${money(f.amount, l)}, under your threshold of ${money(f.limit, l)}.`,
  }),
  DAILY_SUMMARY: (f, l) => ({
    title: `Summary for ${formatDate(f.date, l)}`,
    body: `Balance of your accounts: ${totalsText(f.totals, l)}. Unread notifications: ${f.count}.`,
  }),
  REPORT_READY: (f, l) => ({
    title: `Your ${formatMonth(f.month)} report is ready`,
    body: `Net for the month: ${money(f.amount, l)}. ${f.count === 0 ? 'Nothing to look at.' : f.count === 1 ? 'One thing to look at.' : `${f.count} things to look at.`}`,
  }),
  TEST: () => ({ title: 'Test notification', body: 'If you are reading this, the channel works.' }),
};

const ZERO: MoneyValue = { amount: '0.00', currency: 'BRL' };

/** The title and body of a notification in the user's language. */
export function message(type: NotificationType, language: Language, facts: MessageFacts): Message {
  const full: Required<MessageFacts> = {
    name: '',
    amount: ZERO,
    limit: ZERO,
    date: '1970-01-01',
    month: '1970-01',
    days: 0,
    label: '',
    totals: [],
    count: 0,
    duplicates: 0,
    line: 0,
    reason: '',
    ...facts,
  };
  return (language === 'en' ? EN : PT)[type](full, language);
}
