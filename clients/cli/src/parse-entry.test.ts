import { localToday, parseAmount } from './parse-entry';

describe('parseAmount and localToday', () => {
  it('reads pt-BR and unambiguous English amounts, with a sign', () => {
    expect(parseAmount('45,90')).toEqual({ sign: 0, amount: '45.90' });
    expect(parseAmount('+5.000,00')).toEqual({ sign: 1, amount: '5000.00' });
    expect(parseAmount('1,234.50')).toEqual({ sign: 0, amount: '1234.50' });
    expect(parseAmount('-R$12')).toEqual({ sign: -1, amount: '12' });
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
