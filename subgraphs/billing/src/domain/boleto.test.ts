import {
  barcodeFromDigitableLine,
  buildBarcode,
  digitableLine,
  dueDateFactor,
  formatDigitableLine,
  mod10,
  mod11Barcode,
} from './boleto';

describe('mod10 / mod11', () => {
  it('computes the FEBRABAN field DVs of a published line (00190.00009 01238.798779 77700.168188)', () => {
    expect(mod10('001900000')).toBe(9);
    expect(mod10('0123879877')).toBe(9);
    expect(mod10('7770016818')).toBe(8);
  });

  it('returns 0 when the sum is a multiple of 10', () => {
    expect(mod10('0000000000')).toBe(0);
  });

  it('maps general DV results 0, 10 and 11 to 1', () => {
    // sum = 0 -> 11 - 0 = 11 -> 1
    expect(mod11Barcode('0'.repeat(43))).toBe(1);
    // '1' at the rightmost position (weight 2): 11 - 2 = 9
    expect(mod11Barcode('0'.repeat(42) + '1')).toBe(9);
    // weight 2 x 5 = 10 -> rest 10 -> 11 - 10 = 1
    expect(mod11Barcode('0'.repeat(42) + '5')).toBe(1);
  });

  it('throws on non-digits', () => {
    expect(() => mod10('12a')).toThrow(RangeError);
    expect(() => mod11Barcode('12a')).toThrow(RangeError);
  });
});

describe('dueDateFactor', () => {
  it.each([
    ['2000-07-03', '1000'], // 1997-10-07 + 1000
    ['2000-07-04', '1001'],
    ['2008-02-01', '3769'],
    ['2016-06-16', '6827'],
    ['2025-02-21', '9999'],
    ['2025-02-22', '1000'], // the 2025 restart
    ['2025-02-23', '1001'],
    ['2026-01-02', '1314'],
    ['2026-12-25', '1671'],
    ['2049-10-13', '9999'],
  ])('%s -> %s', (date, factor) => expect(dueDateFactor(date)).toBe(factor));

  it('throws RangeError for dates the scheme cannot express', () => {
    expect(() => dueDateFactor('2000-07-02')).toThrow(RangeError);
    expect(() => dueDateFactor('1997-10-07')).toThrow(RangeError);
    expect(() => dueDateFactor('2049-10-14')).toThrow(RangeError);
  });

  it('throws RangeError for malformed or impossible dates', () => {
    expect(() => dueDateFactor('2026-02-30')).toThrow(RangeError);
    expect(() => dueDateFactor('2026-13-01')).toThrow(RangeError);
    expect(() => dueDateFactor('02/01/2026')).toThrow(RangeError);
  });
});

describe('buildBarcode', () => {
  const base = { bankCode: '001', dueDate: '2026-01-02', freeField: '0000001234567000000032111' };

  it('lays out bank, currency, DV, factor, amount and free field in 44 digits', () => {
    const b = buildBarcode({ ...base, amountCents: 80400n });
    expect(b).toBe('00192131400000804000000001234567000000032111');
    expect(b).toHaveLength(44);
  });

  it('accepts the maximum amount 99,999,999.99 and rejects one cent more or a negative amount', () => {
    expect(buildBarcode({ ...base, amountCents: 9_999_999_999n }).slice(9, 19)).toBe('9999999999');
    expect(() => buildBarcode({ ...base, amountCents: 10_000_000_000n })).toThrow(RangeError);
    expect(() => buildBarcode({ ...base, amountCents: -1n })).toThrow(RangeError);
  });

  it('rejects a free field or bank code of the wrong size', () => {
    expect(() => buildBarcode({ ...base, amountCents: 1n, freeField: '1' })).toThrow(RangeError);
    expect(() => buildBarcode({ ...base, amountCents: 1n, bankCode: '01' })).toThrow(RangeError);
  });
});

describe('digitable line', () => {
  // Published pairs (Banco do Brasil convênio 7, Bradesco carteira 06), see banks.test.ts for their origin.
  const pairs = [
    [
      '00192376900000135000000001238798777770016818',
      '00190.00009 01238.798779 77700.168188 2 37690000013500',
    ],
    [
      '00192131400000804000000001234567000000032111',
      '00190.00009 01234.567004 00000.321117 2 13140000080400',
    ],
    [
      '00191167100000200000000000000000000000000011',
      '00190.00009 00000.000000 00000.000117 1 16710000020000',
    ],
    [
      '23794682700000289901100060000000078901020030',
      '23791.10006 60000.000079 89010.200304 4 68270000028990',
    ],
  ] as const;

  it.each(pairs)('barcode %s <-> line %s', (barcode, printed) => {
    const line = digitableLine(barcode);
    expect(line).toHaveLength(47);
    expect(formatDigitableLine(line)).toBe(printed);
    expect(barcodeFromDigitableLine(printed)).toBe(barcode);
    expect(barcodeFromDigitableLine(line)).toBe(barcode);
  });

  it('rejects a barcode whose general DV is wrong', () => {
    expect(() => digitableLine('00193376900000135000000001238798777770016818')).toThrow(
      /general DV/,
    );
  });

  it.each([
    ['field 1', '00190.00008 01238.798779 77700.168188 2 37690000013500'],
    ['field 2', '00190.00009 01238.798778 77700.168188 2 37690000013500'],
    ['field 3', '00190.00009 01238.798779 77700.168187 2 37690000013500'],
    ['general DV', '00190.00009 01238.798779 77700.168188 3 37690000013500'],
    ['general DV', '00190.00009 01238.798779 77700.168188 2 37690000013501'],
  ])('rejects a line with a wrong %s', (what, line) => {
    expect(() => barcodeFromDigitableLine(line)).toThrow(new RegExp(what));
  });

  it('rejects lines of the wrong length', () => {
    expect(() => barcodeFromDigitableLine('0019000009')).toThrow(RangeError);
  });
});
