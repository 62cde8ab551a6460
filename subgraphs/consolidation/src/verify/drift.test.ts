import { findDrift, type Balance } from './drift';

const b = (accountId: string, amount: bigint, currency = 'BRL'): Balance => ({
  accountId,
  userId: 'u1',
  currency,
  amount,
});

describe('findDrift', () => {
  it('reports nothing when every account agrees', () => {
    expect(findDrift([b('a', 100n), b('b', -5n)], [b('b', -5n), b('a', 100n)])).toEqual([]);
  });

  it('names amount and currency differences and accounts missing on either side', () => {
    const drift = findDrift(
      [b('a', 100n), b('b', 7n), b('c', 1n, 'USD')],
      [b('a', 90n), b('c', 1n), b('d', 3n)],
    );
    expect(drift.map((d) => [d.accountId, d.reason, d.difference])).toEqual([
      ['a', 'AMOUNT', '10'],
      ['b', 'MISSING_IN_LEDGER', null],
      ['c', 'CURRENCY', null],
      ['d', 'MISSING_IN_PROJECTION', null],
    ]);
  });
});
