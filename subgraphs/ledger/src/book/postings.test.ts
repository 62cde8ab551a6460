import { EntryKind } from '../entries/entry.model';
import {
  assertBalanced,
  buildPostings,
  mergeDeltas,
  netByAccount,
  nominalKeyString,
  requiredNominals,
  reverse,
  type Movement,
  type NominalKey,
} from './postings';

const nominal = (key: NominalKey) => `nominal:${nominalKeyString(key)}`;

const movement = (overrides: Partial<Movement>): Movement => ({
  kind: EntryKind.EXPENSE,
  accountId: 'checking',
  currency: 'BRL',
  amount: 1050n,
  toAccountId: null,
  toCurrency: null,
  toAmount: null,
  categoryId: 'food',
  ...overrides,
});

describe('posting builder', () => {
  it('debits the expense account of the category and credits the account', () => {
    expect(buildPostings(movement({}), nominal)).toEqual([
      { accountId: 'checking', amount: -1050n, currency: 'BRL' },
      { accountId: 'nominal:EXPENSE:BRL:food', amount: 1050n, currency: 'BRL' },
    ]);
  });

  it('credits income to the uncategorised income account when there is no category', () => {
    const lines = buildPostings(movement({ kind: EntryKind.INCOME, categoryId: null }), nominal);
    expect(lines).toEqual([
      { accountId: 'checking', amount: 1050n, currency: 'BRL' },
      { accountId: 'nominal:INCOME:BRL:', amount: -1050n, currency: 'BRL' },
    ]);
  });

  it('moves a same-currency transfer between the two accounts only', () => {
    const m = movement({
      kind: EntryKind.TRANSFER,
      toAccountId: 'savings',
      toCurrency: 'BRL',
      toAmount: 1050n,
      categoryId: null,
    });
    expect(requiredNominals(m)).toEqual([]);
    expect(buildPostings(m, nominal)).toEqual([
      { accountId: 'checking', amount: -1050n, currency: 'BRL' },
      { accountId: 'savings', amount: 1050n, currency: 'BRL' },
    ]);
  });

  it('balances a cross-currency transfer per currency through the exchange accounts', () => {
    const m = movement({
      kind: EntryKind.TRANSFER,
      amount: 55000n,
      toAccountId: 'wise',
      toCurrency: 'USD',
      toAmount: 10000n,
      categoryId: null,
    });
    const lines = buildPostings(m, nominal);
    expect(lines).toEqual([
      { accountId: 'checking', amount: -55000n, currency: 'BRL' },
      { accountId: 'nominal:EQUITY:BRL:', amount: 55000n, currency: 'BRL' },
      { accountId: 'nominal:EQUITY:USD:', amount: -10000n, currency: 'USD' },
      { accountId: 'wise', amount: 10000n, currency: 'USD' },
    ]);
    expect(() => assertBalanced(lines)).not.toThrow();
  });

  it('detects unbalanced lines', () => {
    expect(() => assertBalanced([{ accountId: 'a', amount: 1n, currency: 'BRL' }])).toThrow('BRL');
  });

  it('reverses and nets lines per account, dropping zeros', () => {
    const lines = buildPostings(movement({}), nominal);
    const net = netByAccount([
      ...lines,
      ...reverse(lines),
      { accountId: 'checking', amount: -5n, currency: 'BRL' },
    ]);
    expect([...net]).toEqual([['checking', -5n]]);
    const into = new Map([['a', 5n]]);
    mergeDeltas(
      into,
      new Map([
        ['a', -5n],
        ['b', 2n],
      ]),
    );
    expect([...into]).toEqual([['b', 2n]]);
  });
});
