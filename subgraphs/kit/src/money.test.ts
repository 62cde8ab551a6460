import { DomainError } from './errors';
import {
  allocate,
  allocateByWeights,
  currencyExponent,
  formatAmount,
  MAX_MINOR,
  parseAmount,
} from './money';

describe('parseAmount', () => {
  it.each([
    ['1234.56', 'BRL', 123456n],
    ['1234.5', 'BRL', 123450n],
    ['1234', 'BRL', 123400n],
    ['-0.01', 'BRL', -1n],
    ['+7.00', 'USD', 700n],
    ['0', 'BRL', 0n],
    ['500', 'JPY', 500n],
    ['1.234', 'KWD', 1234n],
    ['-1.5', 'KWD', -1500n],
    ['9223372036854775.807', 'KWD', MAX_MINOR],
  ])('parses %s %s', (input, currency, expected) => {
    expect(parseAmount(input, currency)).toBe(expected);
  });

  it.each([
    ['1.234', 'BRL', 'at most 2 decimal places'],
    ['1.5', 'JPY', 'at most 0 decimal places'],
    ['1.2345', 'KWD', 'at most 3 decimal places'],
    ['1e5', 'BRL', 'not a decimal'],
    ['1,000.00', 'BRL', 'not a decimal'],
    ['abc', 'BRL', 'not a decimal'],
    ['', 'BRL', 'not a decimal'],
    ['.5', 'BRL', 'not a decimal'],
    ['92233720368547758.08', 'BRL', 'too large'],
    ['-92233720368547758.09', 'BRL', 'too large'],
    ['1.00', 'XXX1', 'Unknown currency'],
    ['1.00', 'ZZZ', 'Unknown currency'],
  ])('rejects %s %s', (input, currency, message) => {
    expect(() => parseAmount(input, currency)).toThrow(DomainError);
    expect(() => parseAmount(input, currency)).toThrow(message);
  });
});

describe('formatAmount', () => {
  it.each([
    [123456n, 'BRL', '1234.56'],
    [-1n, 'BRL', '-0.01'],
    [0n, 'BRL', '0.00'],
    [5n, 'JPY', '5'],
    [-1234n, 'KWD', '-1.234'],
    [MAX_MINOR, 'BRL', '92233720368547758.07'],
  ])('formats %s %s', (minor, currency, expected) => {
    expect(formatAmount(minor, currency)).toBe(expected);
  });

  it('round-trips through parseAmount', () => {
    for (const value of [0n, 1n, -1n, 99n, 100n, -123456789n]) {
      expect(parseAmount(formatAmount(value, 'BRL'), 'BRL')).toBe(value);
    }
  });
});

describe('currencyExponent', () => {
  it('knows 0, 2 and 3 decimal currencies', () => {
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('BRL')).toBe(2);
    expect(currencyExponent('BHD')).toBe(3);
  });
});

describe('allocate', () => {
  it('gives the remainder to the first parts: 100.00 in 3 = 33.34 + 33.33 + 33.33', () => {
    expect(allocate(10000n, 3)).toEqual([3334n, 3333n, 3333n]);
  });

  it('splits negative totals symmetrically', () => {
    expect(allocate(-10000n, 3)).toEqual([-3334n, -3333n, -3333n]);
  });

  it('gives zero parts when the total is smaller than the count', () => {
    expect(allocate(2n, 4)).toEqual([1n, 1n, 0n, 0n]);
  });

  it('always sums to the total', () => {
    for (const total of [1n, 99n, 100001n, -7n, 123456789012345n]) {
      for (const count of [1, 2, 3, 7, 12, 24]) {
        expect(allocate(total, count).reduce((a, b) => a + b, 0n)).toBe(total);
      }
    }
  });

  it('rejects a count below 1', () => {
    expect(() => allocate(100n, 0)).toThrow('fewer than 1');
  });
});

describe('allocateByWeights', () => {
  it('splits proportionally with largest remainders first', () => {
    expect(allocateByWeights(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
    expect(allocateByWeights(1000n, [70n, 30n])).toEqual([700n, 300n]);
    expect(allocateByWeights(5n, [1n, 2n])).toEqual([2n, 3n]);
  });

  it('rejects all-zero or negative weights', () => {
    expect(() => allocateByWeights(10n, [0n, 0n])).toThrow();
    expect(() => allocateByWeights(10n, [1n, -1n])).toThrow();
  });
});
