import type { EventData } from '@saldo/events';
import { newId, query } from '@saldo/kit';
import { publishAs, publishedEvents, waitForHandled } from '@saldo/kit/testing';
import {
  ANNOUNCE_CATEGORIES_SQL,
  BACKFILL_DEFAULTS_SQL,
} from '../migrations/0006-more-default-categories';
import { startLedgerForTest, type Ledger } from './harness';

type Categorised = EventData<'ai.entry.categorised'>;

describe('categories for ai: events out, ai.entry.categorised in', () => {
  let ledger: Ledger;

  beforeAll(async () => {
    ledger = await startLedgerForTest('ledger_auto_categorise');
    for (const domain of ['identity', 'ai'] as const) {
      await ledger.t.subgraph.messaging.ensureDomainStream(domain);
    }
  });
  afterAll(async () => {
    await ledger?.stop();
  });

  async function send(userId: string, data: Categorised) {
    const event = await publishAs(ledger.t, 'ai.entry.categorised', userId, data);
    await waitForHandled(ledger.t, event);
  }
  const categorised = (entryId: string, categoryId: string, only = true): Categorised => ({
    entryId,
    categoryId,
    source: 'MODEL',
    confidence: 0.93,
    ruleId: null,
    onlyIfUncategorised: only,
  });
  const categoryOf = async (entryId: string) => {
    const [row] = await query<{ category_id: string | null; version: number }>(
      ledger.em(),
      'select category_id, version from entries where id = ?',
      [entryId],
    );
    return row;
  };

  it('gives new users the Brazilian defaults and announces every category', async () => {
    const userId = newId();
    const registered = await publishAs(ledger.t, 'identity.user.registered', userId, {
      userId,
      email: `${userId}@example.com`,
      name: 'Ana',
      locale: 'pt-BR',
      timeZone: 'America/Sao_Paulo',
    });
    await waitForHandled(ledger.t, registered);
    const names = (
      await query<{ name: string; default_key: string }>(
        ledger.em(),
        'select name, default_key from categories where user_id = ? order by name',
        [userId],
      )
    ).map((r) => r.name);
    for (const name of [
      'Assinaturas',
      'Viagens',
      'Cuidados pessoais',
      'Pets',
      'Presentes e doações',
      'Investimentos',
      'Transferências',
    ]) {
      expect(names).toContain(name);
    }
    const announced = (await publishedEvents(ledger.t, { type: 'ledger.category.created' }))
      .map((e) => e.data.category)
      .filter((c) => c.userId === userId);
    expect(announced).toHaveLength(names.length);
    expect(announced.find((c) => c.name === 'Assinaturas')).toMatchObject({
      kind: 'EXPENSE',
      defaultKey: 'subscriptions',
      archived: false,
    });
    // Creating and renaming publish too.
    const api = ledger.as(userId);
    const own = await api.category('Padaria', 'EXPENSE');
    await api.ok(
      'mutation($id: ID!) { updateCategory(id: $id, input: { name: "Padarias" }) { id } }',
      {
        id: own,
      },
    );
    const updated = (await publishedEvents(ledger.t, { type: 'ledger.category.updated' })).map(
      (e) => e.data.category,
    );
    expect(updated).toContainEqual(
      expect.objectContaining({ id: own, name: 'Padarias', defaultKey: null }),
    );
  });

  it('backfills the new defaults for existing users in their language, and announces them', async () => {
    const userId = newId();
    const registered = await publishAs(ledger.t, 'identity.user.registered', userId, {
      userId,
      email: `${userId}@example.com`,
      name: 'Sam',
      locale: 'en-GB',
      timeZone: 'Europe/London',
    });
    await waitForHandled(ledger.t, registered);
    // As a user registered before the seven new defaults existed.
    const keys = [
      'subscriptions',
      'travel',
      'personal-care',
      'pets',
      'gifts-donations',
      'investments',
      'transfers',
    ];
    await query(ledger.em(), 'delete from categories where user_id = ? and default_key = any(?)', [
      userId,
      keys,
    ]);
    await query(ledger.em(), 'delete from kit_outbox');
    await query(ledger.em(), BACKFILL_DEFAULTS_SQL);
    await query(ledger.em(), BACKFILL_DEFAULTS_SQL);
    const rows = await query<{ name: string }>(
      ledger.em(),
      'select name from categories where user_id = ? and default_key = any(?) order by name',
      [userId, keys],
    );
    expect(rows.map((r) => r.name)).toEqual([
      'Gifts and donations',
      'Investments',
      'Personal care',
      'Pets',
      'Subscriptions',
      'Transfers',
      'Travel',
    ]);
    await query(ledger.em(), ANNOUNCE_CATEGORIES_SQL);
    const announced = (await publishedEvents(ledger.t, { type: 'ledger.category.created' })).filter(
      (e) => e.userId === userId,
    );
    const [{ n } = { n: '0' }] = await query<{ n: string }>(
      ledger.em(),
      'select count(*) as n from categories where user_id = ?',
      [userId],
    );
    expect(announced).toHaveLength(Number(n));
    expect(announced.find((e) => e.data.category.defaultKey === 'travel')?.data.category.name).toBe(
      'Travel',
    );
  });

  it('sets an uncategorised entry’s category once, never over the user’s own choice', async () => {
    const ana = ledger.as();
    const account = await ana.account({ name: 'Conta', initialBalance: '500.00' });
    const food = await ana.category('Comida', 'EXPENSE');
    const fun = await ana.category('Lazer', 'EXPENSE');
    const entry = await ana.entry({
      kind: 'EXPENSE',
      accountId: account.id,
      amount: '45.90',
      date: '2026-11-20',
      description: 'IFOOD',
    });
    await send(ana.userId, categorised(entry.id, food));
    expect(await categoryOf(entry.id)).toEqual({ category_id: food, version: 2 });
    const updated = (await publishedEvents(ledger.t, { type: 'ledger.entry.updated' })).filter(
      (e) => e.data.entry.id === entry.id,
    );
    expect(updated.map((e) => e.data.entry.categoryId)).toEqual([food]);
    // A second opinion while it has one: nothing changes.
    await send(ana.userId, categorised(entry.id, fun));
    expect(await categoryOf(entry.id)).toEqual({ category_id: food, version: 2 });
    // A rule the user applied to existing entries overrides.
    await send(ana.userId, { ...categorised(entry.id, fun, false), source: 'RULE' });
    expect(await categoryOf(entry.id)).toEqual({ category_id: fun, version: 3 });
    expect(await ana.balance(account.id)).toBe('454.10');
  });

  it('ignores another user’s entry or category, an archived category and a deleted entry', async () => {
    const ana = ledger.as();
    const bob = ledger.as();
    const account = await ana.account({ name: 'Conta', initialBalance: '100.00' });
    const entry = await ana.entry({
      kind: 'EXPENSE',
      accountId: account.id,
      amount: '10.00',
      date: '2026-11-20',
      description: 'UBER',
    });
    const bobs = await bob.category('Bob', 'EXPENSE');
    await send(ana.userId, categorised(entry.id, bobs));
    await send(bob.userId, categorised(entry.id, bobs));
    const old = await ana.category('Antiga', 'EXPENSE');
    await ana.ok('mutation($id: ID!) { archiveCategory(id: $id) { id } }', { id: old });
    await send(ana.userId, categorised(entry.id, old));
    expect(await categoryOf(entry.id)).toEqual({ category_id: null, version: 1 });
    const income = await ana.category('Renda', 'INCOME');
    await send(ana.userId, categorised(entry.id, income));
    expect(await categoryOf(entry.id)).toEqual({ category_id: null, version: 1 });
    await ana.ok('mutation($id: ID!) { deleteEntry(id: $id) }', { id: entry.id });
    const travel = await ana.category('Viagem', 'EXPENSE');
    await send(ana.userId, categorised(entry.id, travel));
    expect((await categoryOf(entry.id))?.category_id).toBeNull();
  });
});
