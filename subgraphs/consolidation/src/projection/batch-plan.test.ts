import { planBatch } from './batch-plan';
import type { EntryState, Posting } from './entry-state';

const U = 'u0000000-0000-7000-8000-000000000001';
const [A, B, C] = ['a1', 'a2', 'a3'];

function entry(version: number, day: string, postings: [string, bigint, string?][]): EntryState {
  const list: Posting[] = postings.map(([accountId, amount, currency]) => ({
    accountId,
    amount,
    currency: currency ?? 'BRL',
  }));
  return {
    id: 'e1',
    userId: U,
    version,
    day,
    countCurrency: list.length > 0 ? list[0]!.currency : null,
    postings: list,
  };
}

const stored = (e: EntryState) => new Map([[e.id, e]]);

describe('planBatch', () => {
  it('adds a new entry: money out is a debit, one entry on the account and the user day', () => {
    const plan = planBatch([entry(1, '2026-01-10', [[A, -1234n]])], new Map());
    expect(plan.accountDays).toEqual([
      {
        accountId: A,
        userId: U,
        day: '2026-01-10',
        currency: 'BRL',
        credits: 0n,
        debits: 1234n,
        entryCount: 1,
      },
    ]);
    expect(plan.userDays).toEqual([
      { userId: U, day: '2026-01-10', currency: 'BRL', credits: 0n, debits: 1234n, entryCount: 1 },
    ]);
    expect(plan.touchedDays).toEqual([{ userId: U, day: '2026-01-10', key: `${U}|2026-01-10` }]);
    expect(plan.accounts).toEqual([{ id: A, userId: U, currency: 'BRL' }]);
  });

  it('ignores a version that is not newer than the stored one', () => {
    const v2 = entry(2, '2026-01-10', [[A, -500n]]);
    expect(planBatch([entry(1, '2026-01-10', [[A, -1n]])], stored(v2))).toMatchObject({
      entries: [],
      accountDays: [],
      userDays: [],
      touchedDays: [],
    });
    expect(planBatch([v2], stored(v2)).entries).toEqual([]);
  });

  it('takes the old version off and puts the new one on, across days', () => {
    const plan = planBatch(
      [entry(2, '2026-01-12', [[A, -300n]])],
      stored(entry(1, '2026-01-10', [[A, 100n]])),
    );
    expect(plan.accountDays.map((d) => [d.day, d.credits, d.debits, d.entryCount])).toEqual([
      ['2026-01-10', -100n, 0n, -1],
      ['2026-01-12', 0n, 300n, 1],
    ]);
    expect(plan.touchedDays.map((d) => d.day)).toEqual(['2026-01-10', '2026-01-12']);
  });

  it('changes nothing when only non-money fields changed', () => {
    const v1 = entry(1, '2026-01-10', [[A, -300n]]);
    const plan = planBatch([{ ...v1, version: 2 }], stored(v1));
    expect(plan.entries).toHaveLength(1);
    expect(plan.accountDays).toEqual([]);
    expect(plan.touchedDays).toEqual([]);
  });

  it('nets a transfer per currency for the user, while both accounts move', () => {
    const plan = planBatch(
      [
        entry(1, '2026-01-10', [
          [A, -300n],
          [B, 300n],
          [C, 50n, 'USD'],
          [A, -70n],
        ]),
      ],
      new Map(),
    );
    expect(plan.accountDays.map((d) => [d.accountId, d.credits, d.debits])).toEqual([
      [A, 0n, 370n],
      [B, 300n, 0n],
      [C, 50n, 0n],
    ]);
    expect(plan.userDays.map((d) => [d.currency, d.credits, d.debits, d.entryCount])).toEqual([
      ['BRL', 0n, 70n, 1],
      ['USD', 50n, 0n, 0],
    ]);
  });

  it('removes a deleted entry completely', () => {
    const old = entry(1, '2026-01-10', [
      [A, -300n],
      [B, 300n],
    ]);
    const plan = planBatch([{ ...entry(2, '2026-01-10', []), countCurrency: null }], stored(old));
    expect(plan.accountDays.map((d) => [d.accountId, d.credits, d.debits, d.entryCount])).toEqual([
      [A, 0n, -300n, -1],
      [B, -300n, 0n, -1],
    ]);
    expect(plan.userDays).toEqual([
      { userId: U, day: '2026-01-10', currency: 'BRL', credits: 0n, debits: 0n, entryCount: -1 },
    ]);
  });
});
