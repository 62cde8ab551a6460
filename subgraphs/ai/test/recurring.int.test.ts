import { addMonths, localDateAt, newId } from '@saldo/kit';
import { snapshot, startAiForTest, type TestAi } from './helpers';

const RECURRING = `{
  recurringCharges {
    id description merchant kind interval occurrences
    typicalAmount { amount currency } lastAmount { amount }
    lastDate nextExpectedDate nextExpectedAmount { amount }
    category { id } account { id } entries { id }
  }
}`;

interface Recurring {
  recurringCharges: {
    id: string;
    merchant: string;
    kind: string;
    interval: string;
    occurrences: number;
    typicalAmount: { amount: string; currency: string };
    lastDate: string;
    nextExpectedDate: string;
    nextExpectedAmount: { amount: string };
    category: { id: string } | null;
    account: { id: string };
    entries: { id: string }[];
  }[];
}

describe('recurringCharges', () => {
  let ai: TestAi;
  const alice = newId();
  const bob = newId();
  const checking = newId();
  const streaming = newId();
  const today = localDateAt(new Date(), 'America/Sao_Paulo');
  const ids: string[] = [];

  beforeAll(async () => {
    ai = await startAiForTest('ai_recurring');
    // Alice pays Netflix monthly (three months back to last month); Bob once.
    for (const back of [3, 2, 1]) {
      const entry = snapshot(alice, {
        description: 'NETFLIX.COM',
        categoryId: streaming,
        accountId: checking,
        amount: { amount: back === 1 ? '44.90' : '39.90', currency: 'BRL' },
        date: addMonths(today, -back),
      });
      ids.push(entry.id);
      await ai.publish('ledger.entry.created', alice, { entry });
    }
    await ai.publish('ledger.entry.created', bob, {
      entry: snapshot(bob, { description: 'NETFLIX.COM', categoryId: null, date: today }),
    });
  });

  afterAll(async () => {
    await ai?.stop();
  });

  const recurring = (userId: string) => ai.t.client.as(userId).ok<Recurring>(RECURRING);

  it('lists a monthly subscription with its next date and amount', async () => {
    const { recurringCharges } = await recurring(alice);
    expect(recurringCharges).toHaveLength(1);
    expect(recurringCharges[0]).toMatchObject({
      merchant: 'NETFLIX COM',
      kind: 'EXPENSE',
      interval: 'MONTHLY',
      occurrences: 3,
      typicalAmount: { amount: '39.90', currency: 'BRL' },
      lastDate: addMonths(today, -1),
      nextExpectedAmount: { amount: '44.90' },
      category: { id: streaming },
      account: { id: checking },
      entries: ids.map((id) => ({ id })),
    });
    expect((recurringCharges[0]?.nextExpectedDate ?? '') >= today).toBe(true);
  });

  it('forgets an occurrence the ledger deleted, and never shows one user another’s', async () => {
    expect((await recurring(bob)).recurringCharges).toEqual([]);
    const deleted = snapshot(alice, {
      description: 'NETFLIX.COM',
      categoryId: streaming,
      accountId: checking,
      date: addMonths(today, -2),
    });
    await ai.publish('ledger.entry.deleted', alice, {
      entry: { ...deleted, id: ids[1] as string, version: 2, deleted: true },
    });
    expect((await recurring(alice)).recurringCharges).toEqual([]);
  });
});
