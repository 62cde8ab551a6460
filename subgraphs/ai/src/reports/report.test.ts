import type { DatedEntry } from '../entries/entry.repository';
import { computeReport, quotesOnly, templateText } from './report';

let seq = 0;
const e = (kind: DatedEntry['kind'], date: string, minor: bigint, categoryId: string | null) => ({
  id: `0190c0de-0000-7000-8000-${String(++seq).padStart(12, '0')}`,
  kind,
  description: 'X',
  amountMinor: minor,
  currency: 'BRL',
  accountId: '0190c0de-0000-7000-8000-0000000000aa',
  categoryId,
  date,
});

const content = computeReport({
  month: '2026-11',
  entries: [
    e('INCOME', '2026-10-05', 500000n, null),
    e('EXPENSE', '2026-10-10', 80000n, 'food'),
    e('INCOME', '2026-11-05', 500000n, null),
    e('EXPENSE', '2026-11-10', 123456n, 'food'),
    e('EXPENSE', '2026-11-11', 10000n, null),
    e('TRANSFER', '2026-11-12', 99900n, null),
  ],
  alerts: [],
  forecast: null,
  locale: 'pt-BR',
});

describe('computeReport', () => {
  it('adds the month up, leaves transfers out and compares with the month before', () => {
    expect(content).toMatchObject({
      income: { amount: '5000.00', currency: 'BRL' },
      expense: { amount: '1334.56' },
      net: { amount: '3665.44' },
      entries: 3,
      topCategories: [
        { categoryId: 'food', amount: { amount: '1234.56' }, share: 0.9251 },
        { categoryId: null, amount: { amount: '100.00' }, share: 0.0749 },
      ],
      comparison: { month: '2026-10', expense: { amount: '800.00' }, expenseChange: 0.6682 },
    });
    // One category over 40 % of spending: a budget suggestion.
    expect(content.suggestions).toHaveLength(1);
  });

  it('writes the template in either language with money formatted for it', () => {
    expect(templateText('2026-11', content, 'pt-BR')).toContain('R$ 5.000,00');
    expect(templateText('2026-11', content, 'pt-BR')).toContain('67 %');
    expect(templateText('2026-11', content, 'en')).toContain('R$1,334.56');
  });
});

describe('quotesOnly', () => {
  it.each([
    ['Você recebeu R$ 5.000,00 e gastou R$ 1.334,56 (67 % a mais).', true],
    ['You received R$5,000.00 and spent R$1,334.56 in November 2026.', true],
    ['Sobraram R$ 3.665,44, 5000 de salário.', true],
    ['You saved R$ 3.665,45.', false],
    ['Spending grew 12 %.', false],
    ['Nothing to count here.', true],
  ])('%s -> %s', (text, ok) => {
    expect(quotesOnly(text, content, '2026-11')).toBe(ok);
  });
});
