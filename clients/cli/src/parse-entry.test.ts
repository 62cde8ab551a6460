import { localToday, parseAmount, parseEntryText } from './parse-entry';

describe('parseEntryText', () => {
  const today = '2026-03-01';

  it('reads a pt-BR amount, a relative date and the rest as the description', () => {
    expect(parseEntryText(['45,90', 'mercado', 'ontem'], today)).toEqual({
      kind: 'EXPENSE',
      amount: '45.90',
      date: '2026-02-28',
      description: 'mercado',
    });
  });

  it('takes words in any order, a + for income, and dd/mm dates in the current year', () => {
    expect(parseEntryText(['salário', '+5.000,00', '05/02'], today)).toEqual({
      kind: 'INCOME',
      amount: '5000.00',
      date: '2026-02-05',
      description: 'salário',
    });
  });

  it('defaults to today and accepts English amounts and words', () => {
    expect(parseEntryText(['coffee 1,234.50'], today)).toMatchObject({
      amount: '1234.50',
      date: today,
    });
    expect(parseEntryText(['12', 'tomorrow'], today).date).toBe('2026-03-02');
  });

  it('refuses text without an amount and ignores impossible dates as words', () => {
    expect(() => parseEntryText(['mercado', 'ontem'], today)).toThrow(/no amount/);
    expect(parseEntryText(['10', '31/02'], today)).toMatchObject({
      date: today,
      description: '31/02',
    });
  });

  it('rejects malformed amounts', () => {
    expect(parseAmount('1.2.3')).toBeNull();
    expect(parseAmount('45,901')).toBeNull();
    expect(parseAmount('abc')).toBeNull();
  });

  it('computes today in the user time zone', () => {
    // 02:00 UTC is still the previous day in São Paulo (UTC-3).
    expect(localToday('America/Sao_Paulo', new Date('2026-03-01T02:00:00Z'))).toBe('2026-02-28');
  });
});
