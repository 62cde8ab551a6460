import type { EntrySnapshot } from '@saldo/events';
import { entryStateOf, latestVersions } from './entry-state';

const base: EntrySnapshot = {
  id: '0190A1B2-0000-7000-8000-00000000000A',
  userId: '0190a1b2-0000-7000-8000-00000000000b',
  version: 1,
  kind: 'EXPENSE',
  status: 'POSTED',
  amount: { amount: '12.34', currency: 'BRL' },
  toAmount: null,
  date: '2026-01-10',
  dueDate: null,
  description: '',
  accountId: '0190a1b2-0000-7000-8000-00000000000c',
  toAccountId: null,
  categoryId: null,
  tags: [],
  source: 'MANUAL',
  externalId: null,
  postings: [
    {
      accountId: '0190a1b2-0000-7000-8000-00000000000c',
      amount: { amount: '-12.34', currency: 'BRL' },
    },
  ],
  deleted: false,
  updatedAt: '2026-01-10T10:00:00Z',
};

describe('entryStateOf', () => {
  it('keeps postings in minor units and ids in lower case', () => {
    expect(entryStateOf(base)).toEqual({
      id: '0190a1b2-0000-7000-8000-00000000000a',
      userId: base.userId,
      version: 1,
      day: '2026-01-10',
      countCurrency: 'BRL',
      postings: [{ accountId: base.accountId, amount: -1234n, currency: 'BRL' }],
    });
  });

  it('moves nothing for a deleted entry, whatever it still lists', () => {
    expect(entryStateOf({ ...base, deleted: true })).toMatchObject({
      postings: [],
      countCurrency: null,
    });
  });

  it('refuses amounts with more decimals than the currency has', () => {
    const yen = {
      ...base,
      postings: [{ accountId: base.accountId, amount: { amount: '1.5', currency: 'JPY' } }],
    };
    expect(() => entryStateOf(yen)).toThrow('JPY amounts have at most 0 decimal places');
  });
});

describe('latestVersions', () => {
  it('keeps the highest version of each entry', () => {
    const v1 = entryStateOf(base);
    const v3 = { ...v1, version: 3 };
    expect(latestVersions([v1, v3, { ...v1, version: 2 }])).toEqual([v3]);
  });
});
