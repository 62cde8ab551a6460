import type { EntrySnapshot } from '@saldo/events';
import { ManualClock, newId } from '@saldo/kit';
import { inbox, startNotificationsForTest, type TestNotifications } from './helpers';

describe('bills due soon', () => {
  const clock = new ManualClock('2026-03-17T12:00:00Z');
  let n: TestNotifications;

  beforeAll(async () => {
    n = await startNotificationsForTest('notifications_bills', {}, { clock });
  });
  afterAll(async () => {
    await n?.stop();
  });

  const entry = (userId: string, over: Partial<EntrySnapshot> = {}): EntrySnapshot => ({
    id: newId(),
    userId,
    version: 1,
    kind: 'EXPENSE',
    status: 'PENDING',
    amount: { amount: '-250.00', currency: 'BRL' },
    toAmount: null,
    date: '2026-03-20',
    dueDate: '2026-03-20',
    description: 'Conta de luz',
    accountId: newId(),
    toAccountId: null,
    categoryId: null,
    tags: [],
    source: 'MANUAL',
    externalId: null,
    postings: [],
    deleted: false,
    updatedAt: '2026-03-01T12:00:00Z',
    ...over,
  });

  it('reminds 3 days before and on the day, once each, and forgets a paid bill', async () => {
    const ana = await n.register();
    const bill = entry(ana);
    const paid = entry(ana, { description: 'Internet' });
    await n.publish('ledger.entry.created', ana, { entry: bill });
    await n.publish('ledger.entry.created', ana, { entry: paid });
    await n.publish('ledger.entry.updated', ana, {
      entry: { ...paid, version: 2, status: 'POSTED' },
    });
    const bills = async () =>
      (await inbox(n.as(ana))).nodes.filter((x) => x.type === 'BILL_DUE_SOON');

    const scan = (at: string) => n.subgraph.services.bills.runOnce(new Date(at));
    expect(await scan('2026-03-16T12:00:00Z')).toBe(0); // 4 days before
    expect(await scan('2026-03-17T12:00:00Z')).toBe(1);
    expect(await scan('2026-03-18T12:00:00Z')).toBe(0); // already told
    // 01:00 UTC on the 20th is still the 19th in São Paulo.
    expect(await scan('2026-03-20T01:00:00Z')).toBe(0);
    expect(await scan('2026-03-20T12:00:00Z')).toBe(1);
    expect((await bills()).map((b) => [b.title, b.body])).toEqual([
      ['Conta vence hoje', 'Conta de luz: R$ 250,00, vencimento em 20/03/2026.'],
      ['Conta vence em 3 dias', 'Conta de luz: R$ 250,00, vencimento em 20/03/2026.'],
    ]);
  });
});
