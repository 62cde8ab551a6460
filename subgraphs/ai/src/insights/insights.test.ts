import { addDays } from '@saldo/kit';
import type { DatedEntry } from '../entries/entry.repository';
import type { Forecast } from '../forecast/forecast';
import { findInsights, type InsightInput } from './insights';

const USER = '0190c0de-0000-7000-8000-000000000001';
const ACCOUNT = '0190c0de-0000-7000-8000-0000000000aa';
const GROCERIES = '0190c0de-0000-7000-8000-00000000000a';
const FOOD = '0190c0de-0000-7000-8000-00000000000b';
const TRANSPORT = '0190c0de-0000-7000-8000-00000000000c';
const STREAMING = '0190c0de-0000-7000-8000-00000000000d';
let seq = 0;

function e(
  description: string,
  date: string,
  units: number,
  categoryId: string | null,
  kind: DatedEntry['kind'] = 'EXPENSE',
): DatedEntry {
  seq++;
  return {
    id: `0190c0de-0000-7000-8000-${String(seq).padStart(12, '0')}`,
    kind,
    description,
    amountMinor: BigInt(Math.round(units * 100)),
    currency: 'BRL',
    accountId: ACCOUNT,
    categoryId,
    date,
  };
}

/** August to October as usual; November with every kind of finding. */
function history(): DatedEntry[] {
  const rows: DatedEntry[] = [];
  for (const m of ['08', '09', '10']) {
    rows.push(e('PAO DE ACUCAR', `2026-${m}-05`, 300, GROCERIES));
    rows.push(e('CARREFOUR', `2026-${m}-19`, 320, GROCERIES));
    rows.push(e('RESTAURANTE SABOR', `2026-${m}-08`, 80 + Number(m), FOOD));
    rows.push(e('RESTAURANTE SABOR', `2026-${m}-22`, 85, FOOD));
    rows.push(e('NETFLIX.COM', `2026-${m}-15`, 39.9, STREAMING));
    rows.push(e('POSTO IPIRANGA', `2026-${m}-10`, 400, TRANSPORT));
    for (const d of ['02', '09', '16', '23'])
      rows.push(e('PADARIA BOM PAO', `2026-${m}-${d}`, 8, FOOD));
    rows.push(e('SALARIO', `2026-${m}-05`, 5000, null, 'INCOME'));
  }
  // Twice the groceries, in usual-sized purchases.
  rows.push(e('PAO DE ACUCAR', '2026-11-05', 300, GROCERIES));
  rows.push(e('PAO DE ACUCAR', '2026-11-12', 300, GROCERIES));
  rows.push(e('CARREFOUR', '2026-11-19', 320, GROCERIES));
  rows.push(e('CARREFOUR', '2026-11-26', 320, GROCERIES));
  rows.push(e('RESTAURANTE SABOR', '2026-11-08', 600, FOOD));
  rows.push(e('NETFLIX.COM', '2026-11-15', 44.9, STREAMING));
  rows.push(e('UBER *TRIP', '2026-11-10', 50, TRANSPORT));
  rows.push(e('UBER *TRIP', '2026-11-11', 50, TRANSPORT));
  // The usual bread twice in one day is a habit, not a duplicate.
  rows.push(e('PADARIA BOM PAO', '2026-11-02', 8, FOOD));
  rows.push(e('PADARIA BOM PAO', '2026-11-02', 8, FOOD));
  return rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

const input = (over: Partial<InsightInput> = {}): InsightInput => {
  const rows = history();
  return {
    userId: USER,
    month: '2026-11',
    today: '2026-12-03',
    entries: rows,
    recurringHistory: rows,
    forecast: null,
    unit: () => 100n,
    ...over,
  };
};

describe('findInsights', () => {
  it('finds the duplicate, the unusual expense, the price rise and the categories up and down', () => {
    const rows = history();
    const found = findInsights(input({ entries: rows, recurringHistory: rows }));
    const summary = found.map((f) => [
      f.type,
      f.merchant ?? f.categoryId,
      f.amountMinor,
      f.usualMinor,
    ]);
    expect(summary).toEqual([
      ['DUPLICATE_CHARGE', 'UBER *TRIP', 5000n, null],
      // The median of 88, 85, 89, 85, 90, 85.
      ['UNUSUAL_EXPENSE', 'RESTAURANTE SABOR', 60000n, 8650n],
      ['PRICE_INCREASE', 'NETFLIX.COM', 4490n, 3990n],
      ['CATEGORY_UP', GROCERIES, 124000n, 62000n],
      // The restaurant and two breads against two meals and four breads a month.
      ['CATEGORY_UP', FOOD, 61600n, 20600n],
      ['CATEGORY_DOWN', TRANSPORT, 10000n, 40000n],
    ]);
    const dup = found[0];
    expect(dup?.entries.map((x) => x.date)).toEqual(['2026-11-10', '2026-11-11']);
    // Stable ids: the same data gives the same findings.
    const again = findInsights(input({ entries: [...rows], recurringHistory: [...rows] }));
    expect(again.map((f) => f.id)).toEqual(found.map((f) => f.id));
  });

  it('compares a running month with the same days of the previous months', () => {
    const rows = history().filter((r) => r.date < '2026-11-11');
    const found = findInsights(
      input({ entries: rows, recurringHistory: rows, today: '2026-11-11' }),
    );
    // By the 11th: the restaurant and two breads against one restaurant meal (88, 89, 90)
    // and two breads in earlier months; groceries (300 against 300) are as usual.
    expect(found.filter((f) => f.type === 'CATEGORY_UP')).toMatchObject([
      { categoryId: FOOD, amountMinor: 61600n, usualMinor: 10500n },
    ]);
  });

  it('warns of a balance going below zero in the running month’s forecast', () => {
    const points = Array.from({ length: 31 }, (_, i) => ({
      date: addDays('2026-12-03', i),
      expectedMinor: 50000n - BigInt(i) * 4000n,
      lowMinor: 0n,
      highMinor: 0n,
    }));
    const forecast: Forecast = { balanceMinor: 50000n, points, items: [], dailyOtherMinor: -4000n };
    const found = findInsights(
      input({ month: '2026-12', today: '2026-12-03', forecast: { forecast, currency: 'BRL' } }),
    );
    expect(found[0]).toMatchObject({
      type: 'LOW_BALANCE_AHEAD',
      date: '2026-12-16',
      amountMinor: 50000n - 30n * 4000n,
    });
  });

  it('says nothing about a quiet month', () => {
    const rows = history().filter((r) => r.date < '2026-11-01');
    expect(
      findInsights(input({ month: '2026-10', entries: rows, recurringHistory: rows })),
    ).toEqual([]);
  });
});
