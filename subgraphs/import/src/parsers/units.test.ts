import { parseAmount } from './amounts';
import { detectDateFormat, excelSerialDate, parseOfxDate } from './dates';
import { detectInstallment } from './installment';

describe('amounts to minor units', () => {
  it.each([
    ['74,40', 7440n],
    ['-3.34', -334n],
    ['-1.234,56', -123456n],
    ['1,234.56', 123456n],
    ["11'373.94", 1137394n],
    ['-140', -14000n],
    ['-33.3', -3330n],
    ['R$ -1.234,56', -123456n],
    ['-R$ 10,00', -1000n],
    ['(12.00)', -1200n],
    ['12,00-', -1200n],
    ['50,00 D', -5000n],
    ['50,00 C', 5000n],
    ['10.0000', 1000n],
    ['.5', 50n],
  ])('%s -> %s', (raw, expected) => {
    expect(parseAmount(raw, 2)).toBe(expected);
  });

  it.each(['', '.', '            .  ', 'abc', '1.005', '1,2,3', '12a', '--1'])(
    'refuses %j',
    (raw) => {
      expect(parseAmount(raw, 2)).toBeUndefined();
    },
  );

  it('follows the currency exponent and a given separator', () => {
    expect(parseAmount('1.234', 0, ',')).toBe(1234n);
    expect(parseAmount('1.234', 3)).toBe(1234n);
    expect(parseAmount('1.234,5', 2, ',')).toBe(123450n);
  });
});

describe('dates', () => {
  it('reads OFX dates as written, refusing zero and impossible dates', () => {
    expect(parseOfxDate('20180309120000[-3:BRT]')).toBe('2018-03-09');
    expect(parseOfxDate('20231106023518.000[-5:EST]')).toBe('2023-11-06');
    expect(parseOfxDate('20180804093914:014')).toBe('2018-08-04');
    expect(parseOfxDate('00000000')).toBeUndefined();
    expect(parseOfxDate('20120231')).toBeUndefined();
  });

  it('detects day-first before month-first, and month-first when days exceed 12', () => {
    expect(detectDateFormat(['01/02/2024', '03/04/2024'])?.name).toBe('dd/MM/yyyy');
    expect(detectDateFormat(['01/02/2024', '03/15/2024'])?.name).toBe('MM/dd/yyyy');
    expect(detectDateFormat(['2025.12.04'])?.name).toBe('yyyy.MM.dd');
    expect(detectDateFormat(['hello'])).toBeUndefined();
  });

  it('converts Excel serial days', () => {
    expect(excelSerialDate(45352)).toBe('2024-03-01');
    expect(excelSerialDate(43890, true)).toBe('2024-03-01');
  });
});

describe('installments', () => {
  it.each([
    ['Mercado Livre - Parcela 3/10', { number: 3, count: 10 }],
    ['LOJA X PARC 03/10', { number: 3, count: 10 }],
    ['LOJA PARC 3 DE 12', { number: 3, count: 12 }],
    ['Empiricus 3/12', { number: 3, count: 12 }],
    ['Azul Linhas Aereas*Fef 4/4', { number: 4, count: 4 }],
  ])('%s', (description, expected) => {
    expect(detectInstallment(description)).toEqual(expected);
  });

  it.each([
    'PIX TRANSF FULANO04/03',
    'Pagamento 15/03',
    'Compra 1/1',
    'Parcela 11/10',
    'Boleto 01/12/2024',
  ])('sees no installment in %j', (description) => {
    expect(detectInstallment(description)).toBeUndefined();
  });
});
