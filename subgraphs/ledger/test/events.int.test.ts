import { newId, Scope, USER_SCOPES, query } from '@saldo/kit';
import type { EventData, EventType } from '@saldo/events';
import { errorCode, publishAs, publishedEvents, waitFor, waitForHandled } from '@saldo/kit/testing';
import { EntryKind, EntrySource } from '../src/entries/entry.model';
import { startLedgerForTest, type Api, type Ledger } from './harness';

describe('events in and out', () => {
  let ledger: Ledger;
  let ana: Api;

  beforeAll(async () => {
    ledger = await startLedgerForTest('ledger_events');
    ana = ledger.as();
    await ledger.t.subgraph.messaging.ensureDomainStream('identity');
  });
  afterAll(async () => {
    await ledger?.stop();
  });

  const publish = <T extends EventType>(type: T, userId: string, data: EventData<T>) =>
    publishAs(ledger.t, type, userId, data);

  const outbox = <T extends EventType>(type: T) => publishedEvents(ledger.t, { type });

  it("creates default categories in the user's language on registration, once", async () => {
    const userId = newId();
    const profile = {
      userId,
      email: 'ana@example.com',
      name: 'Ana',
      timeZone: 'America/Sao_Paulo',
      locale: 'pt-BR',
    };
    const first = await publish('identity.user.registered', userId, profile);
    const second = await publish('identity.user.registered', userId, profile);
    const names = await waitFor(async () => {
      const data = await ledger
        .as(userId)
        .ok<{ categories: { name: string; kind: string }[] }>('{ categories { name kind } }');
      return data.categories.length > 0 && data.categories;
    });
    expect(names).toContainEqual({ name: 'Mercado', kind: 'EXPENSE' });
    expect(names).toContainEqual({ name: 'Salário', kind: 'INCOME' });
    const english = newId();
    const third = await publish('identity.user.registered', english, {
      ...profile,
      userId: english,
      locale: 'en-US',
    });
    const en = await waitFor(async () => {
      const data = await ledger
        .as(english)
        .ok<{ categories: { name: string }[] }>('{ categories { name } }');
      return data.categories.length > 0 && data.categories.map((c) => c.name);
    });
    expect(en).toContain('Groceries');
    await waitForHandled(ledger.t, [first, second, third]);
    const count = await query<{ n: number }>(
      ledger.em(),
      'select count(*)::int as n from categories where user_id = ?::uuid',
      [userId],
    );
    expect(count[0]!.n).toBe(names.length);
  });

  it('erases everything of a user on identity.user.deleted', async () => {
    const bea = ledger.as();
    const account = (await bea.account({ initialBalance: '10' })).id;
    const food = await bea.category('Comida', 'EXPENSE');
    const entry = await bea.entry({
      kind: 'EXPENSE',
      accountId: account,
      amount: '1',
      categoryId: food,
    });
    await bea.ok('mutation($id: ID!) { updateEntry(id: $id, input: { amount: "2" }) { id } }', {
      id: entry.id,
    });
    await bea.ok(
      'mutation($c: ID!) { setBudget(categoryId: $c, month: "2024-01", limit: "1") { id } }',
      { c: food },
    );
    await bea.ok(
      `mutation($a: ID!) { createRecurrence(input: { frequency: MONTHLY, startDate: "2024-01-01", count: 2,
         kind: EXPENSE, accountId: $a, amount: "1" }) { id } }`,
      { a: account },
    );
    const keep = (await ana.account({})).id;
    await publish('identity.user.deleted', bea.userId, { userId: bea.userId });
    await waitFor(async () => {
      const rows = await query<{ n: number }>(
        ledger.em(),
        'select count(*)::int as n from accounts where user_id = ?::uuid',
        [bea.userId],
      );
      return rows[0]!.n === 0;
    });
    for (const table of ['entries', 'budgets', 'recurrences', 'categories']) {
      const rows = await query<{ n: number }>(
        ledger.em(),
        `select count(*)::int as n from ${table} where user_id = ?::uuid`,
        [bea.userId],
      );
      expect([table, rows[0]!.n]).toEqual([table, 0]);
    }
    const postings = await query<{ n: number }>(
      ledger.em(),
      'select count(*)::int as n from postings where entry_id = ?::uuid',
      [entry.id],
    );
    expect(postings[0]!.n).toBe(0);
    expect(await ana.balance(keep)).toBe('0.00');
  });

  it('writes entry snapshots with postings and versions, and balance changes, to the outbox', async () => {
    const account = (await ana.account({ initialBalance: '50' })).id;
    const entry = await ana.entry({
      kind: 'INCOME',
      accountId: account,
      amount: '10',
      description: 'Pix',
    });
    await ana.ok('mutation($id: ID!) { updateEntry(id: $id, input: { amount: "12" }) { id } }', {
      id: entry.id,
    });
    await ana.ok('mutation($id: ID!) { deleteEntry(id: $id) }', { id: entry.id });
    const snapshots = [
      ...(await outbox('ledger.entry.created')),
      ...(await outbox('ledger.entry.updated')),
      ...(await outbox('ledger.entry.deleted')),
    ]
      .map(
        (e) =>
          e.data['entry'] as { id: string; version: number; deleted: boolean; postings: unknown[] },
      )
      .filter((e) => e.id === entry.id);
    expect(snapshots.map((s) => [s.version, s.deleted, s.postings])).toEqual([
      [1, false, [{ accountId: account, amount: { amount: '10.00', currency: 'BRL' } }]],
      [2, false, [{ accountId: account, amount: { amount: '12.00', currency: 'BRL' } }]],
      [3, true, []],
    ]);
    const changes = (await outbox('ledger.balance.changed')).filter(
      (e) => e.data['accountId'] === account,
    );
    expect(changes.map((c) => [c.data['balance'], c.data['delta'], c.data['entryId']])).toEqual([
      [{ amount: '50.00', currency: 'BRL' }, { amount: '50.00', currency: 'BRL' }, null],
      [{ amount: '60.00', currency: 'BRL' }, { amount: '10.00', currency: 'BRL' }, entry.id],
      [{ amount: '62.00', currency: 'BRL' }, { amount: '2.00', currency: 'BRL' }, entry.id],
      [{ amount: '50.00', currency: 'BRL' }, { amount: '-12.00', currency: 'BRL' }, entry.id],
    ]);
    const created = (await outbox('ledger.account.created')).find(
      (e) => (e.data['account'] as { id: string }).id === account,
    );
    expect(created?.data['account']).toMatchObject({
      initialBalance: { amount: '50.00', currency: 'BRL' },
    });
  });

  it('keeps accepting entries with no consumer of its events; the relay publishes them', async () => {
    const { messaging } = ledger.t.subgraph;
    const unsent = async () => (await publishedEvents(ledger.t, { sent: false })).length;
    const published = async () =>
      (await messaging.jsm.streams.info(messaging.streamName('ledger'))).state.messages;
    await waitFor(async () => (await unsent()) === 0);
    const before = await published();
    // Nothing consumes the LEDGER stream here: the writes only depend on the database.
    const account = (await ana.account({})).id;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        ana.entry({ kind: 'INCOME', accountId: account, amount: '1' }),
      ),
    );
    expect(await ana.balance(account)).toBe('20.00');
    await waitFor(async () => (await unsent()) === 0);
    // account.created + 20 x (entry.created + balance.changed)
    expect((await published()) - before).toBe(41);
  });

  it("resolves the balanceChanged payload for the router, for the event's owner only", async () => {
    const account = (await ana.account({ name: 'Live' })).id;
    const entry = await ana.entry({ kind: 'EXPENSE', accountId: account, amount: '3.50' });
    const change = (await publishedEvents(ledger.t, { type: 'ledger.balance.changed' })).find(
      (e) => e.data.entryId === entry.id,
    );
    expect(change).toBeDefined();
    const query = `query($e: String!) { _live_balanceChanged(event: $e) {
      accountId balance { amount } delta { amount } entryId account { id name } entry { id } } }`;
    const router = ledger.t.client.as(ana.userId, [...USER_SCOPES, Scope.ROUTER]);
    const data = await router.ok<{ _live_balanceChanged: unknown }>(query, {
      e: JSON.stringify(change),
    });
    expect(data._live_balanceChanged).toEqual({
      accountId: account,
      balance: { amount: '-3.50' },
      delta: { amount: '-3.50' },
      entryId: entry.id,
      account: { id: account, name: 'Live' },
      entry: { id: entry.id },
    });
    const stranger = ledger.t.client.as(newId(), [...USER_SCOPES, Scope.ROUTER]);
    expect(errorCode(await stranger.request(query, { e: JSON.stringify(change) }))).toBe(
      'FORBIDDEN',
    );
  });

  it('lets an event handler post with externalId idempotency (the cards path)', async () => {
    const em = () => ledger.t.subgraph.orm.em.fork();
    const card = (await ana.account({ name: 'Cartão', type: 'CREDIT_CARD' })).id;
    const command = {
      kind: EntryKind.EXPENSE,
      accountId: card,
      amount: '120.00',
      date: '2024-07-10',
      source: EntrySource.CARDS,
      externalId: 'purchase-9/installment-1',
      description: 'Loja 1/3',
    };
    const post = (c: typeof command) =>
      em().transactional((tx) =>
        ledger.services.entries.createInTransaction(tx, ana.userId, [c], '2024-07-10'),
      );
    const [first] = await post(command);
    const [again] = await post(command);
    expect(again!.id).toBe(first!.id);
    expect(await ana.balance(card)).toBe('-120.00');
    await expect(post({ ...command, amount: '121.00' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const manual = await ana.entry({
      kind: 'EXPENSE',
      accountId: card,
      amount: '1',
      externalId: command.externalId,
    });
    expect(manual.source).toBe('MANUAL');
  });
});
