/**
 * A synthetic household over several years, generated with a fixed seed, for backtesting the
 * balance forecast: a salary (and a 13th salary in November and December), rent and
 * condominium, utilities that vary with the season, subscriptions, yearly insurance and
 * vehicle tax, groceries and daily spending with a weekend lift, December gifts, one-off
 * repairs, a credit card (purchases, some in installments, closing on the 8th and paid on the
 * 15th from checking) and a monthly sweep of savings to an investment account.
 */
import {
  addDays,
  dayOfWeek,
  daysInMonth,
  formatLocalDate,
  parseLocalDate,
  type LocalDate,
} from '@saldo/kit';
import { seeded } from '../src/categorise/evaluation';
import type { InvoiceDue, LedgerRow } from '../src/forecast/forecast';

export const CHECKING = '0190c0de-0000-7000-8000-00000000c4ec';
const CARD = '0190c0de-0000-7000-8000-00000000ca4d';
const INVESTMENTS = '0190c0de-0000-7000-8000-0000000001fe';

export interface Household {
  rows: LedgerRow[];
  /** Card installments: the invoice each falls on and the day the purchase was made. */
  installments: { dueDate: LocalDate; month: string; madeOn: LocalDate; amountMinor: bigint }[];
  initialMinor: bigint;
}

const monthKey = (date: LocalDate) => date.slice(0, 7);

function dayIn(year: number, month: number, day: number): LocalDate {
  return formatLocalDate(year, month, Math.min(day, daysInMonth(year, month)));
}

/** A weekend date moves to the next Monday, as banks do with salaries and debits. */
function businessDay(date: LocalDate): LocalDate {
  const w = dayOfWeek(date);
  return w === 6 ? addDays(date, 2) : w === 0 ? addDays(date, 1) : date;
}

export function generateHousehold(from: LocalDate, to: LocalDate, seed = 42): Household {
  const random = seeded(seed);
  const between = (lo: number, hi: number) => lo + (hi - lo) * random();
  const cents = (units: number) => BigInt(Math.round(units * 100));
  const rows: LedgerRow[] = [];
  const installments: Household['installments'] = [];
  let seq = 0;
  let balance = 0n;
  const initialMinor = 1_500_000n;
  balance = initialMinor;
  const id = () => `0190c0de-0000-7000-8000-${(++seq).toString(16).padStart(12, '0')}`;

  const book = (
    date: LocalDate,
    description: string,
    signedMinor: bigint,
    options: { kind?: LedgerRow['kind']; source?: string; to?: string; on?: string } = {},
  ) => {
    const on = options.on ?? CHECKING;
    const kind = options.kind ?? (signedMinor > 0n ? 'INCOME' : 'EXPENSE');
    const postings = [{ accountId: on, amountMinor: signedMinor }];
    if (options.to) postings.push({ accountId: options.to, amountMinor: -signedMinor });
    if (on === CHECKING) balance += signedMinor;
    rows.push({
      id: id(),
      kind,
      status: 'POSTED',
      source: options.source ?? 'MANUAL',
      description,
      amountMinor: signedMinor < 0n ? -signedMinor : signedMinor,
      currency: 'BRL',
      accountId: on,
      toAccountId: options.to ?? null,
      categoryId: null,
      date,
      postings,
    });
  };

  // What each invoice (by due date) holds, filled as purchases are made.
  const invoiceTotals = new Map<LocalDate, bigint>();
  /** The invoice a purchase on `date` falls on, `n` months later (closing on the 8th). */
  const invoiceDue = (date: LocalDate, n: number): LocalDate => {
    const { year, month, day } = parseLocalDate(date);
    const first = day < 8 ? month : month + 1;
    const m = first + n - 1; // 1-based, may pass December
    return dayIn(year + Math.floor((m - 1) / 12), ((m - 1) % 12) + 1, 15);
  };

  for (let date = from; date <= to; date = addDays(date, 1)) {
    const { year, month, day } = parseLocalDate(date);
    const weekend = dayOfWeek(date) === 0 || dayOfWeek(date) === 6;
    const summer = month === 12 || month <= 3;

    // Fixed money, on business days.
    if (date === businessDay(dayIn(year, month, 5))) book(date, 'SALARIO ACME LTDA', 1_400_000n);
    if ((month === 11 || month === 12) && date === businessDay(dayIn(year, month, 20))) {
      book(date, 'DECIMO TERCEIRO ACME', 700_000n);
    }
    if (day === 10) {
      book(date, 'PIX ENVIADO IMOBILIARIA LAR', -240_000n);
      book(date, 'CONDOMINIO ED SOLAR', -65_000n);
    }
    if (date === businessDay(dayIn(year, month, 15))) book(date, 'VIVO FIBRA', -11_990n);
    if (day === 20) book(date, 'TIM CELULAR', -5_990n);
    if (day === 12) book(date, 'NETFLIX.COM', year >= 2026 ? -5_990n : -5_590n);
    if (day === 18) book(date, 'SPOTIFY', -2_190n);
    if (day === 1) book(date, 'SMART FIT', -9_900n);
    if (date === businessDay(dayIn(year, month, 25))) {
      book(date, 'ENEL ENERGIA', -cents(between(150, 210) * (summer ? 1.35 : 1)));
      book(date, 'SABESP', -cents(between(75, 105)));
    }
    if (month === 3 && day === 1) book(date, 'PORTO SEGURO AUTO', -cents(between(1700, 1900)));
    if (month <= 3 && day === 20) book(date, 'IPVA SP PARCELA', -cents(1450));

    // Everyday spending.
    if (random() < (weekend ? 0.35 : 0.22)) {
      book(date, 'PAO DE ACUCAR', -cents(between(120, 480)));
    }
    const small = weekend ? 3 : 2;
    for (let i = 0; i < small; i++) {
      if (random() < 0.55) {
        const names = ['PADARIA BOM PAO', 'IFOOD', 'UBER', 'DROGASIL', 'POSTO IPIRANGA'];
        book(
          date,
          names[Math.floor(random() * names.length)] as string,
          -cents(between(12, weekend ? 110 : 70)),
        );
      }
    }
    if (month === 12 && day >= 10 && day <= 24 && random() < 0.5) {
      book(date, 'PRESENTES LOJAS', -cents(between(80, 400)));
    }
    if (random() < 1 / 60) book(date, 'MANUTENCAO CASA', -cents(between(400, 1800)));

    // The card: a few purchases a week, some in installments.
    if (random() < 0.3) {
      const total = between(40, 900);
      const n = total > 400 && random() < 0.6 ? 2 + Math.floor(random() * 9) : 1;
      const each = cents(total / n);
      for (let k = 1; k <= n; k++) {
        const due = invoiceDue(date, k);
        invoiceTotals.set(due, (invoiceTotals.get(due) ?? 0n) + each);
        installments.push({ dueDate: due, month: monthKey(due), madeOn: date, amountMinor: each });
      }
      book(date, `LOJA ONLINE ${n}X`, -each, { on: CARD, source: 'CARDS' });
    }
    // The invoice due today is paid from checking.
    const dueToday = invoiceTotals.get(date);
    if (dueToday)
      book(date, 'PAGAMENTO FATURA CARTAO', -dueToday, {
        kind: 'TRANSFER',
        source: 'CARDS',
        to: CARD,
      });

    // Savings swept to investments on the 6th, keeping a cushion in checking.
    if (day === 6 && balance > 2_500_000n) {
      const sweep = ((balance - 2_000_000n) / 100_000n) * 100_000n;
      book(date, 'APLICACAO CDB', -sweep, { kind: 'TRANSFER', to: INVESTMENTS });
    }
  }
  return { rows, installments, initialMinor };
}

/** What was known on `today` of the invoices due in the next `days` (purchases made by then). */
export function invoicesKnownOn(h: Household, today: LocalDate, days: number): InvoiceDue[] {
  const end = addDays(today, days);
  const due = new Map<LocalDate, bigint>();
  for (const i of h.installments) {
    if (i.dueDate <= today || i.dueDate > end || i.madeOn > today) continue;
    due.set(i.dueDate, (due.get(i.dueDate) ?? 0n) + i.amountMinor);
  }
  return [...due].map(([dueDate, remainingMinor]) => ({
    id: `invoice-${dueDate}`,
    month: monthKey(dueDate),
    dueDate,
    remainingMinor,
  }));
}
