import { addDays, addMonths } from '@saldo/kit';
import type { DatedEntry } from '../entries/entry.repository';
import { detectRecurring } from './recurring';

const USER = '0190c0de-0000-7000-8000-000000000001';
const ACCOUNT = '0190c0de-0000-7000-8000-0000000000aa';
const today = '2026-12-03';
let seq = 0;

function entry(
  description: string,
  date: string,
  amountMinor: bigint,
  extra: Partial<DatedEntry> = {},
) {
  seq++;
  return {
    id: `0190c0de-0000-7000-8000-${String(seq).padStart(12, '0')}`,
    kind: 'EXPENSE',
    description,
    amountMinor,
    currency: 'BRL',
    accountId: ACCOUNT,
    categoryId: null,
    date,
    ...extra,
  } satisfies DatedEntry;
}

const sorted = (entries: DatedEntry[]) =>
  [...entries].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

describe('detectRecurring', () => {
  it('finds a monthly subscription across a price rise, with its next date and amount', () => {
    const entries = [
      entry('NETFLIX.COM', '2026-08-15', 3990n),
      entry('NETFLIX.COM', '2026-09-15', 3990n),
      entry('PAG*NETFLIX.COM 0800', '2026-10-16', 4490n),
      entry('NETFLIX.COM', '2026-11-15', 4490n),
    ];
    const [series, ...rest] = detectRecurring(USER, entries, today);
    expect(rest).toEqual([]);
    expect(series).toMatchObject({
      interval: 'MONTHLY',
      kind: 'EXPENSE',
      lastDate: '2026-11-15',
      nextDate: '2026-12-15',
      lastMinor: 4490n,
      nextMinor: 4490n,
      accountId: ACCOUNT,
    });
    expect(series?.entries).toHaveLength(4);
    // Stable id: the same series on the next call.
    expect(detectRecurring(USER, entries, today)[0]?.id).toBe(series?.id);
  });

  it('keeps month-end series on the last day (31st, then 30th and 28th)', () => {
    const entries = [
      entry('ALUGUEL', '2026-08-31', 250000n),
      entry('ALUGUEL', '2026-09-30', 250000n),
      entry('ALUGUEL', '2026-10-31', 250000n),
      entry('ALUGUEL', '2026-11-30', 250000n),
    ];
    expect(detectRecurring(USER, entries, today)[0]?.nextDate).toBe('2026-12-31');
  });

  it('finds weekly and yearly series', () => {
    const weekly = [0, 7, 14, 21].map((d) =>
      entry('FEIRA DO BAIRRO', addDays('2026-11-05', d), 8000n),
    );
    const yearly = [2023, 2024, 2025].map((y) => entry('IPVA SP', `${y}-01-20`, 150000n));
    const found = detectRecurring(USER, sorted([...weekly, ...yearly]), today);
    expect(found.map((s) => [s.merchant, s.interval, s.nextDate])).toEqual([
      ['FEIRA DO BAIRRO', 'WEEKLY', '2026-12-03'],
      ['IPVA', 'YEARLY', '2027-01-20'],
    ]);
  });

  it('needs three occurrences at a regular interval with similar amounts', () => {
    const twice = [entry('SPOTIFY', '2026-10-10', 2190n), entry('SPOTIFY', '2026-11-10', 2190n)];
    const irregular = ['2026-08-02', '2026-08-20', '2026-10-29', '2026-11-03'].map((d) =>
      entry('RESTAURANTE', d, 9000n),
    );
    const unlike = [
      entry('LOJA X', '2026-09-01', 1000n),
      entry('LOJA X', '2026-10-01', 50000n),
      entry('LOJA X', '2026-11-01', 120000n),
    ];
    expect(detectRecurring(USER, sorted([...twice, ...irregular, ...unlike]), today)).toEqual([]);
  });

  it('drops a series that stopped (cancelled subscription) and ignores transfers', () => {
    const stopped = [0, 1, 2].map((m) => entry('ACADEMIA', addMonths('2026-03-10', m), 12000n));
    const transfers = [0, 1, 2].map((m) =>
      entry('POUPANCA', addMonths('2026-09-05', m), 50000n, { kind: 'TRANSFER' }),
    );
    expect(detectRecurring(USER, sorted([...stopped, ...transfers]), today)).toEqual([]);
  });

  it('keeps the latest unbroken run and leaves a one-off at the same merchant out', () => {
    const entries = [
      entry('UBER *ONE', '2026-01-03', 1990n),
      entry('UBER *ONE', '2026-06-20', 1990n),
      entry('UBER *ONE', '2026-09-20', 1990n),
      entry('UBER *ONE', '2026-10-20', 1990n),
      entry('UBER *ONE', '2026-11-05', 35000n),
      entry('UBER *ONE', '2026-11-20', 1990n),
    ];
    const [series] = detectRecurring(USER, entries, today);
    expect(series?.entries.map((e) => e.date)).toEqual(['2026-09-20', '2026-10-20', '2026-11-20']);
  });

  it('keeps income and expense of the same name apart, and each currency apart', () => {
    const salary = [0, 1, 2].map((m) =>
      entry('EMPRESA XYZ', addMonths('2026-09-05', m), 500000n, { kind: 'INCOME' }),
    );
    const usd = [0, 1, 2].map((m) =>
      entry('GITHUB', addMonths('2026-09-12', m), 400n, { currency: 'USD' }),
    );
    const found = detectRecurring(USER, sorted([...salary, ...usd]), today);
    expect(found.map((s) => [s.kind, s.currency, s.interval])).toEqual([
      ['INCOME', 'BRL', 'MONTHLY'],
      ['EXPENSE', 'USD', 'MONTHLY'],
    ]);
  });
});
