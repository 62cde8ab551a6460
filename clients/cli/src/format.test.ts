import { bar, langFrom, money, sumDecimals } from './format';

describe('format', () => {
  it('formats money as R$ 1.234,56 in pt-BR and exactly for huge amounts', () => {
    expect(money('pt-BR', { amount: '1234.56', currency: 'BRL' })).toBe('R$ 1.234,56');
    expect(money('pt-BR', { amount: '-45.90', currency: 'BRL' })).toBe('-R$ 45,90');
    expect(money('en-US', { amount: '1234.56', currency: 'USD' })).toBe('$1,234.56');
    expect(money('en-US', { amount: '90071992547409.93', currency: 'BRL' })).toBe(
      'R$90,071,992,547,409.93',
    );
  });

  it('picks pt-BR from a Portuguese locale', () => {
    expect(langFrom({ LANG: 'pt_BR.UTF-8' })).toBe('pt-BR');
    expect(langFrom({ LANG: 'en_US.UTF-8' })).toBe('en-US');
    expect(langFrom({}, 'pt')).toBe('pt-BR');
  });

  it('draws proportional bars', () => {
    expect(bar(10, 10, 10)).toBe('██████████');
    expect(bar(1, 100, 10)).toBe('█');
    expect(bar(0, 10)).toBe('');
  });
});

describe('sumDecimals', () => {
  it('adds Decimal strings exactly, whatever their scale and sign', () => {
    expect(sumDecimals(['10.00', '-45.90', '0.01'])).toBe('-35.89');
    expect(sumDecimals(['1000', '-1'])).toBe('999');
    expect(sumDecimals(['90071992547409.93', '0.07'])).toBe('90071992547410.00');
  });
});
