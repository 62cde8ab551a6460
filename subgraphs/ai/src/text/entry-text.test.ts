import { centsOf, detectLocale, parseEntryText, type EntryTextDraft } from './entry-text';

// Thursday 3 December 2026.
const today = '2026-12-03';
const read = (text: string, locale?: EntryTextDraft['locale']) =>
  parseEntryText(text, { today, ...(locale ? { locale } : {}) });

describe('parseEntryText', () => {
  it.each([
    [
      'gastei 45,90 no mercado ontem',
      {
        kind: 'EXPENSE',
        amount: '45.90',
        currency: null,
        date: '2026-12-02',
        description: 'Mercado',
      },
    ],
    [
      'recebi 3.500 de salario dia 5',
      { kind: 'INCOME', amount: '3500.00', date: '2026-11-05', description: 'Salario' },
    ],
    ['uber 23,50', { kind: 'EXPENSE', amount: '23.50', date: today, description: 'Uber' }],
    [
      'paid $12.30 for lunch yesterday',
      {
        kind: 'EXPENSE',
        amount: '12.30',
        currency: 'USD',
        date: '2026-12-02',
        description: 'Lunch',
      },
    ],
    [
      'paguei a conta de luz de R$ 230,15 anteontem',
      {
        kind: 'EXPENSE',
        amount: '230.15',
        currency: 'BRL',
        date: '2026-12-01',
        description: 'Conta de luz',
      },
    ],
    [
      'recebi 1.234,56 reais do João hoje',
      { kind: 'INCOME', amount: '1234.56', currency: 'BRL', date: today, description: 'João' },
    ],
    [
      'transferi 500 pra poupança',
      { kind: 'TRANSFER', amount: '500.00', date: today, description: 'Poupança' },
    ],
    ['salário 3,5 mil', { kind: 'INCOME', amount: '3500.00', description: 'Salário' }],
    ['got paid 2k today', { kind: 'INCOME', amount: '2000.00', date: today, description: null }],
    [
      'spent 1,234.50 on a new phone on the 28th',
      { kind: 'EXPENSE', amount: '1234.50', date: '2026-11-28', description: 'New phone' },
    ],
    [
      'comprei remédio na farmácia 32,40 na segunda',
      { kind: 'EXPENSE', amount: '32.40', date: '2026-11-30', description: 'Remédio na farmácia' },
    ],
    ['almoço 28 sexta passada', { amount: '28.00', date: '2026-11-27', description: 'Almoço' }],
    ['gastei 80 no posto 01/12', { amount: '80.00', date: '2026-12-01', description: 'Posto' }],
    ['gastei 80 no posto 25/12', { amount: '80.00', date: '2025-12-25' }],
    ['netflix 55,90 dia 31', { amount: '55.90', date: '2026-10-31', description: 'Netflix' }],
    ['gasto de 99,90 em 5 de março', { amount: '99.90', date: '2026-03-05' }],
    ['bought coffee 4.50 march 3rd', { amount: '4.50', date: '2026-03-03', description: 'Coffee' }],
    ['salário +5.000,00 05/11', { kind: 'INCOME', amount: '5000.00', date: '2026-11-05' }],
    ['+100 freela', { kind: 'INCOME', amount: '100.00', description: 'Freela' }],
    ['12 tomorrow', { kind: 'EXPENSE', amount: '12.00', date: '2026-12-04', description: null }],
    ['dinner 60 2026-11-15', { amount: '60.00', date: '2026-11-15', description: 'Dinner' }],
  ])('%s', (text, expected) => {
    expect(read(text)).toMatchObject(expected);
  });

  it('reads numeric dates month first only for en-US', () => {
    expect(read('lunch 12 11/05', 'en-US')?.date).toBe('2026-11-05');
    expect(read('almoço 12 11/05', 'pt-BR')?.date).toBe('2026-05-11');
  });

  it('gives a null date for a day that does not exist, not a shifted one', () => {
    expect(read('gastei 10 em 31/02/2026')?.date).toBeNull();
  });

  it('prefers the number with a currency mark or decimals over a bare one', () => {
    expect(read('2 pizzas por R$ 79,80')).toMatchObject({ amount: '79.80', currency: 'BRL' });
    expect(read('3 cafés 14,50')?.amount).toBe('14.50');
  });

  it('answers null when the text names neither an amount nor a kind', () => {
    expect(read('oi, tudo bem?')).toBeNull();
    expect(read('')).toBeNull();
  });

  it('keeps a kind without an amount (null amount, not a guess)', () => {
    expect(read('paguei o aluguel')).toMatchObject({
      kind: 'EXPENSE',
      amount: null,
      description: 'Aluguel',
    });
  });

  it('never reads a float: large amounts keep every cent', () => {
    expect(read('recebi 9.999.999.999,99')?.amount).toBe('9999999999.99');
    expect(centsOf('1.234,5')).toBe(123450n);
    expect(centsOf('12.3')).toBe(1230n);
  });

  it('detects the language when none is given', () => {
    expect(detectLocale('paid 10 for lunch yesterday')).toBe('en');
    expect(detectLocale('gastei 10 no almoço')).toBe('pt-BR');
    expect(detectLocale('uber 23,50')).toBe('pt-BR');
  });
});
