import { DomainError } from '@saldo/kit';
import type { EntryContext } from './entry-context';
import { checkShape, draftOf, movementOf, requestHash, type EntryCommand } from './entry-input';
import { EntryKind, EntryStatus } from './entry.model';

const A = '019a0000-0000-7000-8000-00000000000a';
const B = '019a0000-0000-7000-8000-00000000000b';
const USD = '019a0000-0000-7000-8000-00000000000c';
const FOOD = '019a0000-0000-7000-8000-0000000000f0';

const account = (id: string, currency = 'BRL', archived = false) => ({
  id,
  class: 'ASSET' as const,
  currency,
  archived,
  allowNegative: true,
  categoryId: null,
});

const ctx: EntryContext = {
  accounts: new Map([
    [A, account(A)],
    [B, account(B, 'BRL', true)],
    [USD, account(USD, 'USD')],
  ]),
  nominals: new Map(),
  categories: new Map([[FOOD, { id: FOOD, kind: 'EXPENSE', archived: false, parentId: null }]]),
  budgets: [],
};

function failure(run: () => unknown): { code: string; field: unknown } {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, field: error.details['field'] };
    throw error;
  }
  throw new Error('expected a DomainError');
}

const expense = (overrides: Partial<EntryCommand> = {}): EntryCommand => ({
  kind: EntryKind.EXPENSE,
  accountId: A,
  amount: '10.50',
  ...overrides,
});

describe('entry input rules', () => {
  it('refuses a transfer to the same account, and destinations on non-transfers', () => {
    expect(
      failure(() => checkShape({ ...expense(), kind: EntryKind.TRANSFER, toAccountId: A })),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'toAccountId',
    });
    expect(failure(() => checkShape(expense({ toAmount: '1' })))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'toAmount',
    });
    expect(failure(() => checkShape(expense({ accountId: 'x' })))).toEqual({
      code: 'NOT_FOUND',
      field: 'accountId',
    });
  });

  it('parses amounts in the account currency and refuses extra decimals, zero and negatives', () => {
    expect(movementOf(ctx, expense()).amount).toBe(1050n);
    for (const amount of ['10.505', '0', '-1', '1e3']) {
      expect(failure(() => movementOf(ctx, expense({ amount })))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'amount',
      });
    }
    expect(failure(() => movementOf(ctx, expense({ accountId: B })))).toEqual({
      code: 'INVALID_STATE',
      field: 'accountId',
    });
  });

  it('needs both amounts across currencies and equal amounts otherwise', () => {
    const transfer = { ...expense(), kind: EntryKind.TRANSFER, toAccountId: USD };
    expect(failure(() => movementOf(ctx, transfer))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'toAmount',
    });
    expect(movementOf(ctx, { ...transfer, toAmount: '2.00' })).toMatchObject({
      toAmount: 200n,
      toCurrency: 'USD',
    });
  });

  it('checks the category kind', () => {
    const income = expense({ kind: EntryKind.INCOME, categoryId: FOOD });
    expect(failure(() => movementOf(ctx, income))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'categoryId',
    });
  });

  it('hashes the meaning of an input, not its spelling', () => {
    const a = checkShape(expense({ amount: '10.5', tags: [' a ', 'a'] }));
    const b = checkShape(expense({ amount: '10.50', tags: ['a'] }));
    expect(requestHash(a, movementOf(ctx, a))).toBe(requestHash(b, movementOf(ctx, b)));
    const c = checkShape(expense({ amount: '10.51' }));
    expect(requestHash(c, movementOf(ctx, c))).not.toBe(requestHash(a, movementOf(ctx, a)));
  });

  it("defaults a bill's due date to its date and leaves it without postings", () => {
    const draft = draftOf(
      ctx,
      'u',
      checkShape(expense({ status: EntryStatus.PENDING, date: '2024-02-29' })),
      '2024-01-01',
      new Date(),
    );
    expect(draft.record).toMatchObject({
      dueDate: '2024-02-29',
      postedVersion: null,
      status: 'PENDING',
    });
  });
});
