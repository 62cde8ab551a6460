import { addDays, addMonths } from '@saldo/kit';
import { balanceOf, forecastBalance, type LedgerRow } from './forecast';

const USER = '0190c0de-0000-7000-8000-000000000001';
const CHECKING = '0190c0de-0000-7000-8000-0000000000aa';
const CARD = '0190c0de-0000-7000-8000-0000000000cc';
const today = '2026-12-03';
let seq = 0;

function row(
  description: string,
  date: string,
  signedMinor: bigint,
  extra: Partial<LedgerRow> = {},
): LedgerRow {
  seq++;
  const kind = extra.kind ?? (signedMinor > 0n ? 'INCOME' : 'EXPENSE');
  const status = extra.status ?? 'POSTED';
  return {
    id: `0190c0de-0000-7000-8000-${String(seq).padStart(12, '0')}`,
    kind,
    status,
    source: 'MANUAL',
    description,
    amountMinor: signedMinor < 0n ? -signedMinor : signedMinor,
    currency: 'BRL',
    accountId: CHECKING,
    toAccountId: null,
    categoryId: null,
    date,
    postings: status === 'POSTED' ? [{ accountId: CHECKING, amountMinor: signedMinor }] : [],
    ...extra,
  };
}

/** Salary on the 5th, rent on the 10th for four months; R$ 50 of groceries every day. */
function household(): LedgerRow[] {
  const rows: LedgerRow[] = [];
  for (const back of [4, 3, 2, 1]) {
    rows.push(row('SALARIO ACME', addMonths('2026-12-05', -back), 500000n));
    rows.push(row('ALUGUEL', addMonths('2026-12-10', -back), -150000n));
  }
  for (let d = addDays(today, -120); d < today; d = addDays(d, 1)) {
    rows.push(row('MERCADO', d, -5000n));
  }
  return rows.sort((a, b) => (a.date < b.date ? -1 : 1));
}

const base = {
  userId: USER,
  today,
  days: 30,
  accounts: new Set([CHECKING]),
  currency: 'BRL',
  balanceMinor: 1_000_000n,
  invoices: null,
};

describe('forecastBalance', () => {
  it('adds the recurring salary and rent on their days and the usual spending in between', () => {
    const f = forecastBalance({ ...base, rows: household() });
    expect(f.points).toHaveLength(31);
    expect(f.points[0]).toEqual({
      date: today,
      expectedMinor: 1_000_000n,
      lowMinor: 1_000_000n,
      highMinor: 1_000_000n,
    });
    expect(f.dailyOtherMinor).toBe(-5000n);
    const at = (date: string) => f.points.find((p) => p.date === date)?.expectedMinor;
    // Two days of groceries, then the salary on the 5th.
    expect(at('2026-12-04')).toBe(1_000_000n - 5000n);
    expect(at('2026-12-05')).toBe(1_000_000n - 10000n + 500000n);
    expect(at('2026-12-10')).toBe(1_000_000n - 35000n + 500000n - 150000n);
    // The next salary (2027-01-05) is past the 30 days.
    expect(f.items.map((i) => [i.date, i.source, i.amountMinor])).toEqual([
      ['2026-12-05', 'RECURRING', 500000n],
      ['2026-12-10', 'RECURRING', -150000n],
    ]);
  });

  it('widens the band with the horizon when the daily spending varies', () => {
    const rows = household().map((r, i) =>
      r.description === 'MERCADO' ? row('MERCADO', r.date, i % 2 === 0 ? -2000n : -8000n) : r,
    );
    const f = forecastBalance({ ...base, rows });
    const width = (i: number) => {
      const p = f.points[i];
      return p ? p.highMinor - p.lowMinor : 0n;
    };
    expect(width(1)).toBeGreaterThan(0n);
    expect(width(30)).toBeGreaterThan(width(1) * 5n);
    for (const p of f.points) {
      expect(p.lowMinor <= p.expectedMinor && p.expectedMinor <= p.highMinor).toBe(true);
    }
  });

  it('counts pending bills once, instead of the series occurrence they stand for', () => {
    const rows = [
      ...household(),
      row('ALUGUEL', '2026-12-11', -160000n, { status: 'PENDING', kind: 'EXPENSE' }),
      row('IPTU', '2026-12-20', -30000n, { status: 'PENDING', kind: 'EXPENSE' }),
    ];
    const f = forecastBalance({ ...base, rows });
    expect(f.items.map((i) => [i.date, i.description, i.source, i.amountMinor])).toEqual([
      ['2026-12-05', 'SALARIO ACME', 'RECURRING', 500000n],
      ['2026-12-11', 'ALUGUEL', 'PENDING', -160000n],
      ['2026-12-20', 'IPTU', 'PENDING', -30000n],
    ]);
  });

  it('pays card invoices on their due dates and leaves past card payments out of the pattern', () => {
    const payments = [1, 2, 3].map((back) =>
      row('PAGAMENTO FATURA', addMonths('2026-12-15', -back), -(100000n + BigInt(back) * 70000n), {
        kind: 'TRANSFER',
        source: 'CARDS',
        toAccountId: CARD,
      }),
    );
    const rows = [...household(), ...payments].sort((a, b) => (a.date < b.date ? -1 : 1));
    const withInvoices = forecastBalance({
      ...base,
      rows,
      invoices: [{ id: 'inv', month: '2026-12', dueDate: '2026-12-15', remainingMinor: 123400n }],
    });
    expect(withInvoices.dailyOtherMinor).toBe(-5000n);
    expect(withInvoices.items.find((i) => i.source === 'INVOICE')).toMatchObject({
      date: '2026-12-15',
      amountMinor: -123400n,
    });
    // Without the invoices the payments are part of the usual flow.
    const without = forecastBalance({ ...base, rows });
    expect(without.dailyOtherMinor).toBeLessThan(-5000n);
  });

  it('adds postings on the forecast accounts only (a transfer between two of them nets zero)', () => {
    const savings = '0190c0de-0000-7000-8000-0000000000bb';
    const transfer = row('RESERVA', '2026-12-01', -20000n, {
      kind: 'TRANSFER',
      toAccountId: savings,
      postings: [
        { accountId: CHECKING, amountMinor: -20000n },
        { accountId: savings, amountMinor: 20000n },
      ],
    });
    expect(balanceOf([transfer], new Set([CHECKING]), 100n)).toBe(100n - 20000n);
    expect(balanceOf([transfer], new Set([CHECKING, savings]), 100n)).toBe(100n);
  });
});
