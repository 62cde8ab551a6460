import { cycleDates, type InvoiceDates } from '../invoices/invoice-cycle';
import { installmentPlan, netOfRefunds } from './installment-plan';

const sum = (xs: readonly bigint[]) => xs.reduce((a, b) => a + b, 0n);
const repeat = (value: bigint, n: number) => Array.from({ length: n }, () => value);

describe('installmentPlan', () => {
  const cases: {
    name: string;
    total: bigint;
    count: number;
    date: string;
    days: { closingDay: number; dueDay: number };
    stored?: [string, InvoiceDates][];
    amounts: bigint[];
    months: string[];
    dates?: string[];
  }[] = [
    {
      name: 'R$ 100.00 in 3: the first installment carries the extra cent',
      total: 10000n,
      count: 3,
      date: '2026-03-05',
      days: { closingDay: 10, dueDay: 20 },
      amounts: [3334n, 3333n, 3333n],
      months: ['2026-03', '2026-04', '2026-05'],
      dates: ['2026-03-05', '2026-04-05', '2026-05-05'],
    },
    {
      name: 'a purchase the day before closing stays on this invoice',
      total: 5000n,
      count: 1,
      date: '2026-03-09',
      days: { closingDay: 10, dueDay: 20 },
      amounts: [5000n],
      months: ['2026-03'],
    },
    {
      name: 'a purchase on the closing day goes to the next invoice',
      total: 5000n,
      count: 1,
      date: '2026-03-10',
      days: { closingDay: 10, dueDay: 20 },
      amounts: [5000n],
      months: ['2026-04'],
      dates: ['2026-04-10'],
    },
    {
      name: 'a purchase after the closing day goes to the next invoice',
      total: 5000n,
      count: 2,
      date: '2026-03-15',
      days: { closingDay: 10, dueDay: 20 },
      amounts: [2500n, 2500n],
      months: ['2026-04', '2026-05'],
    },
    {
      name: 'closing day 31 closes on Feb 28: a purchase on Feb 28 goes to March',
      total: 999n,
      count: 1,
      date: '2026-02-28',
      days: { closingDay: 31, dueDay: 10 },
      amounts: [999n],
      months: ['2026-03'],
      dates: ['2026-03-28'],
    },
    {
      name: 'closing day 31: a purchase on Feb 27 stays on February',
      total: 999n,
      count: 1,
      date: '2026-02-27',
      days: { closingDay: 31, dueDay: 10 },
      amounts: [999n],
      months: ['2026-02'],
    },
    {
      name: 'leap year: closing day 30 closes on Feb 29, 2028',
      total: 100n,
      count: 1,
      date: '2028-02-29',
      days: { closingDay: 30, dueDay: 8 },
      amounts: [100n],
      months: ['2028-03'],
    },
    {
      name: 'leap year: Feb 28, 2028 is before the closing (Feb 29)',
      total: 100n,
      count: 1,
      date: '2028-02-28',
      days: { closingDay: 30, dueDay: 8 },
      amounts: [100n],
      months: ['2028-02'],
    },
    {
      name: 'the purchase day clamps into shorter invoice months',
      total: 30000n,
      count: 3,
      date: '2026-01-31',
      days: { closingDay: 5, dueDay: 15 },
      amounts: [10000n, 10000n, 10000n],
      months: ['2026-02', '2026-03', '2026-04'],
      dates: ['2026-02-28', '2026-03-31', '2026-04-30'],
    },
    {
      name: 'R$ 1,000.00 in 12 across a year end: four installments of 83.34',
      total: 100000n,
      count: 12,
      date: '2026-11-20',
      days: { closingDay: 5, dueDay: 15 },
      amounts: [...repeat(8334n, 4), ...repeat(8333n, 8)],
      months: [
        '2026-12',
        '2027-01',
        '2027-02',
        '2027-03',
        '2027-04',
        '2027-05',
        '2027-06',
        '2027-07',
        '2027-08',
        '2027-09',
        '2027-10',
        '2027-11',
      ],
    },
    {
      name: 'R$ 999.99 in 24: fifteen of 41.67 and nine of 41.66',
      total: 99999n,
      count: 24,
      date: '2026-06-01',
      days: { closingDay: 25, dueDay: 5 },
      amounts: [...repeat(4167n, 15), ...repeat(4166n, 9)],
      months: Array.from({ length: 24 }, (_, i) => {
        const index = 2026 * 12 + 5 + i;
        return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
      }),
    },
    {
      name: 'a stored (adjusted) closing date beats the arithmetic',
      total: 1000n,
      count: 1,
      date: '2026-03-11',
      days: { closingDay: 10, dueDay: 20 },
      stored: [['2026-03', { closingDate: '2026-03-12', dueDate: '2026-03-22' }]],
      amounts: [1000n],
      months: ['2026-03'],
    },
    {
      name: "the previous invoice's closing moved into this month takes the purchase",
      total: 1000n,
      count: 1,
      date: '2026-03-01',
      days: { closingDay: 28, dueDay: 10 },
      stored: [['2026-02', { closingDate: '2026-03-02', dueDate: '2026-03-12' }]],
      amounts: [1000n],
      months: ['2026-02'],
    },
  ];

  it.each(cases)('$name', (c) => {
    const plan = installmentPlan(c.total, c.count, c.date, c.days, new Map(c.stored ?? []));
    expect(plan.map((i) => i.amount)).toEqual(c.amounts);
    expect(sum(plan.map((i) => i.amount))).toBe(c.total);
    expect(plan.map((i) => i.month)).toEqual(c.months);
    expect(plan.map((i) => i.number)).toEqual(c.amounts.map((_, n) => n + 1));
    if (c.dates) expect(plan.map((i) => i.date)).toEqual(c.dates);
  });
});

describe('cycleDates', () => {
  it.each([
    ['2026-03', 10, 20, '2026-03-10', '2026-03-20'],
    ['2026-03', 25, 5, '2026-03-25', '2026-04-05'],
    ['2026-12', 25, 5, '2026-12-25', '2027-01-05'],
    ['2026-03', 10, 10, '2026-03-10', '2026-04-10'],
    ['2026-02', 31, 10, '2026-02-28', '2026-03-10'],
    ['2028-02', 31, 10, '2028-02-29', '2028-03-10'],
    ['2026-02', 28, 30, '2026-02-28', '2026-03-30'],
    ['2026-01', 30, 31, '2026-01-30', '2026-01-31'],
  ])('%s closing %i due %i -> %s / %s', (month, closingDay, dueDay, closing, due) => {
    expect(cycleDates(month, { closingDay, dueDay })).toEqual({
      closingDate: closing,
      dueDate: due,
    });
  });
});

describe('netOfRefunds', () => {
  it.each([
    ['no refund', [3334n, 3333n, 3333n], 0n, [3334n, 3333n, 3333n]],
    ['the last installment first', [3334n, 3333n, 3333n], 5000n, [3334n, 1666n, 0n]],
    ['a full refund books nothing', [3334n, 3333n, 3333n], 10000n, [0n, 0n, 0n]],
    ['one cent', [10000n], 1n, [9999n]],
  ])('%s', (_name, amounts, refunded, net) => {
    expect(netOfRefunds(amounts, refunded)).toEqual(net);
  });
});
