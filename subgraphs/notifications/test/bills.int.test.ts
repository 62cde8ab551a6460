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

describe('the daily summary', () => {
  let n: TestNotifications;

  beforeAll(async () => {
    n = await startNotificationsForTest('notifications_daily');
  });
  afterAll(async () => {
    await n?.stop();
  });

  it('goes at 08:00 in the user time zone, once a day, only to users who turned it on', async () => {
    const ana = await n.register();
    const bob = await n.register();
    await n
      .as(ana)
      .ok(
        'mutation { updateNotificationPreferences(input: { dailySummary: true }) { dailySummary } }',
      );
    const account = (id: string, userId: string, type: 'CHECKING' | 'CREDIT_CARD') => ({
      account: {
        id,
        userId,
        name: type,
        type,
        currency: 'BRL',
        initialBalance: { amount: '0.00', currency: 'BRL' },
        allowNegative: true,
        archived: false,
        externalId: null,
      },
    });
    const checking = newId();
    const card = newId();
    await n.publish('ledger.account.created', ana, account(checking, ana, 'CHECKING'));
    await n.publish('ledger.account.created', ana, account(card, ana, 'CREDIT_CARD'));
    const change = (id: string, amount: string) => ({
      accountId: id,
      balance: { amount, currency: 'BRL' },
      delta: { amount, currency: 'BRL' },
      entryId: null,
    });
    await n.publish('ledger.balance.changed', ana, change(checking, '1234.56'));
    await n.publish('ledger.balance.changed', ana, change(card, '-300.00'));

    const run = (at: string) => n.subgraph.services.daily.runOnce(new Date(at));
    expect(await run('2026-03-06T10:59:00Z')).toBe(0); // 07:59 in São Paulo
    expect(await run('2026-03-06T11:00:00Z')).toBe(1);
    expect(await run('2026-03-06T20:00:00Z')).toBe(0);
    const summary = (await inbox(n.as(ana))).nodes.find((x) => x.type === 'DAILY_SUMMARY');
    expect([summary?.title, summary?.body]).toEqual([
      'Resumo de 06/03/2026',
      'Saldo das contas: R$ 1.234,56. Notificações não lidas: 1.',
    ]);
    expect((await inbox(n.as(bob))).nodes.map((x) => x.type)).toEqual(['WELCOME']);
  });
});
