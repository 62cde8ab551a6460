import { newId, query } from '@saldo/kit';
import type { EventData, EventType } from '@saldo/events';
import { publishAs, publishedEvents, waitFor, waitForHandled } from '@saldo/kit/testing';
import { startLedgerForTest, type Api, type EntryData, type Ledger } from './harness';

type CardData = EventData<'cards.card.created'>['card'];
type PurchaseData = EventData<'cards.purchase.created'>['purchase'];

const brl = (amount: string) => ({ amount, currency: 'BRL' });

describe("the ledger's side of cards (events in, entries out)", () => {
  let ledger: Ledger;

  beforeAll(async () => {
    ledger = await startLedgerForTest('ledger_cards');
    await ledger.t.subgraph.messaging.ensureDomainStream('cards');
  });
  afterAll(async () => {
    await ledger?.stop();
  });

  const publish = <T extends EventType>(type: T, userId: string, data: EventData<T>) =>
    publishAs(ledger.t, type, userId, data);

  const outbox = async <T extends EventType>(type: T) =>
    (await publishedEvents(ledger.t, { type })).map((e) => e.data);

  const cardOf = (overrides: Partial<CardData> = {}): CardData => ({
    id: newId(),
    name: 'Nubank',
    brand: 'VISA',
    last4: '1234',
    currency: 'BRL',
    limit: brl('1000.00'),
    closingDay: 10,
    dueDay: 20,
    liabilityAccountId: newId(),
    paymentAccountId: null,
    archived: false,
    version: 1,
    ...overrides,
  });

  /**
   * Snapshots of one purchase of R$ 100.00 in 3 on the March-May invoices; `net` is what
   * the ledger should book per installment (after refunds).
   */
  function purchaseOf(card: CardData, categoryId: string | null) {
    const id = newId();
    const installmentIds = [newId(), newId(), newId()];
    return (
      version: number,
      net = ['33.34', '33.33', '33.33'],
      overrides: Partial<PurchaseData> = {},
    ): PurchaseData => ({
      id,
      cardId: card.id,
      liabilityAccountId: card.liabilityAccountId,
      description: 'Geladeira',
      merchant: null,
      categoryId,
      totalAmount: brl('100.00'),
      refundedAmount: brl('0.00'),
      purchaseDate: '2026-03-05',
      installmentCount: 3,
      installments: ['2026-03', '2026-04', '2026-05'].map((month, i) => ({
        id: installmentIds[i]!,
        number: i + 1,
        amount: brl(['33.34', '33.33', '33.33'][i]!),
        netAmount: brl(net[i]!),
        invoiceId: newId(),
        month,
        date: `${month}-05`,
      })),
      deleted: false,
      version,
      ...overrides,
    });
  }

  const cardEntries = async (api: Api, accountId: string) => {
    const data = await api.ok<{
      entries: {
        edges: {
          node: EntryData & {
            externalId: string;
            category: { id: string } | null;
            description: string;
          };
        }[];
      };
    }>(
      `query($id: ID!) { entries(filter: { accountId: $id }, orderBy: DATE_ASC) { edges { node {
        id kind date description source externalId amount { amount } category { id } } } } }`,
      { id: accountId },
    );
    return data.entries.edges.map((e) => e.node);
  };

  async function withCard(api: Api, overrides: Partial<CardData> = {}): Promise<CardData> {
    const card = cardOf(overrides);
    await publish('cards.card.created', api.userId, { card });
    await waitFor(async () => {
      const found = await api.request('query($id: ID!) { account(id: $id) { id } }', {
        id: card.liabilityAccountId,
      });
      return Boolean(found.data);
    });
    return card;
  }

  it("creates each card's CREDIT_CARD account with the card's id for it, once, and follows renames", async () => {
    const ana = ledger.as();
    const card = await withCard(ana);
    const again = await publish('cards.card.created', ana.userId, { card }); // a second delivery
    const account = await ana.ok<{
      account: {
        id: string;
        type: string;
        name: string;
        externalId: string;
        balance: { amount: string };
      };
    }>('query($id: ID!) { account(id: $id) { id type name externalId balance { amount } } }', {
      id: card.liabilityAccountId,
    });
    expect(account.account).toEqual({
      id: card.liabilityAccountId,
      type: 'CREDIT_CARD',
      name: 'Nubank',
      externalId: `card:${card.id}`,
      balance: { amount: '0.00' },
    });
    const renamed = await publish('cards.card.updated', ana.userId, {
      card: { ...card, name: 'Roxinho', version: 3 },
    });
    const stale = await publish('cards.card.updated', ana.userId, {
      card: { ...card, name: 'Old', version: 2 },
    });
    await waitFor(async () => {
      const data = await ana.ok<{ accounts: { name: string }[] }>('{ accounts { name } }');
      return data.accounts.length === 1 && data.accounts[0]?.name === 'Roxinho';
    });
    await waitForHandled(ledger.t, [again, renamed, stale]);
    const all = await ana.ok<{ accounts: { name: string }[] }>('{ accounts { name } }');
    expect(all.accounts).toEqual([{ name: 'Roxinho' }]);
  });

  it('books installments as expenses in their invoice months with their category, once', async () => {
    const ana = ledger.as();
    const card = await withCard(ana);
    const food = await ana.category('Casa', 'EXPENSE');
    await ana.ok(
      'mutation($c: ID!) { setBudget(categoryId: $c, month: "2026-03", limit: "1000.00") { id } }',
      { c: food },
    );
    const snapshot = purchaseOf(card, food);
    await publish('cards.purchase.created', ana.userId, { purchase: snapshot(1) });
    await publish('cards.purchase.created', ana.userId, { purchase: snapshot(1) });
    const entries = await waitFor(async () => {
      const list = await cardEntries(ana, card.liabilityAccountId);
      return list.length === 3 && list;
    });
    expect(
      entries.map((e) => [
        e.kind,
        e.date,
        e.amount.amount,
        e.category?.id,
        e.source,
        e.description,
      ]),
    ).toEqual([
      ['EXPENSE', '2026-03-05', '33.34', food, 'CARDS', 'Geladeira (1/3)'],
      ['EXPENSE', '2026-04-05', '33.33', food, 'CARDS', 'Geladeira (2/3)'],
      ['EXPENSE', '2026-05-05', '33.33', food, 'CARDS', 'Geladeira (3/3)'],
    ]);
    expect(entries[0]?.externalId).toBe(
      `installment:${snapshot(1).id}:${snapshot(1).installments[0]!.id}`,
    );
    expect(await ana.balance(card.liabilityAccountId)).toBe('-100.00');
    const budgets = await ana.ok<{ budgets: { spent: { amount: string } }[] }>(
      '{ budgets(month: "2026-03") { spent { amount } } }',
    );
    expect(budgets.budgets).toEqual([{ spent: { amount: '33.34' } }]);
  });

  it('reverses installments on refund and delete, and ignores an older snapshot', async () => {
    const ana = ledger.as();
    const card = await withCard(ana);
    // A category the ledger does not know: booked uncategorised.
    const snapshot = purchaseOf(card, newId());
    await publish('cards.purchase.created', ana.userId, { purchase: snapshot(1) });
    await waitFor(async () => (await ana.balance(card.liabilityAccountId)) === '-100.00');
    await publish('cards.purchase.refunded', ana.userId, {
      purchase: { ...snapshot(2, ['33.34', '33.33', '0.00']), refundedAmount: brl('33.33') },
      refund: { id: newId(), amount: brl('33.33'), invoiceId: newId(), date: '2026-03-06' },
    });
    await waitFor(async () => (await ana.balance(card.liabilityAccountId)) === '-66.67');
    const left = await cardEntries(ana, card.liabilityAccountId);
    expect(left.map((e) => [e.amount.amount, e.category])).toEqual([
      ['33.34', null],
      ['33.33', null],
    ]);
    await publish('cards.purchase.deleted', ana.userId, {
      purchase: snapshot(3, undefined, { deleted: true, installments: [] }),
    });
    await waitFor(async () => (await ana.balance(card.liabilityAccountId)) === '0.00');
    const stale = await publish('cards.purchase.updated', ana.userId, { purchase: snapshot(2) });
    await waitForHandled(ledger.t, stale);
    expect(await ana.balance(card.liabilityAccountId)).toBe('0.00');
    expect(await cardEntries(ana, card.liabilityAccountId)).toEqual([]);
    // History stays: reversal postings and revisions of the deleted entries.
    const reversals = await query<{ n: string }>(
      ledger.em(),
      `select count(*) as n from postings p join entries e on e.id = p.entry_id
        where e.user_id = ? and p.reversal`,
      [ana.userId],
    );
    expect(Number(reversals[0]?.n)).toBeGreaterThan(0);
  });

  it('books an invoice payment as a transfer into the card account, or rejects it', async () => {
    const ana = ledger.as();
    const card = await withCard(ana);
    const checking = await ana.account({
      name: 'Conta',
      initialBalance: '150.00',
      allowNegative: false,
    });
    const payment = (amount: string, fromAccountId = checking.id) => {
      const id = newId();
      return {
        paymentId: id,
        cardId: card.id,
        invoiceId: newId(),
        fromAccountId,
        liabilityAccountId: card.liabilityAccountId,
        amount: brl(amount),
        date: '2026-03-12',
        description: 'Card payment: Nubank 2026-03',
        externalId: `payment:${id}`,
      };
    };
    const ok = payment('100.00');
    await publish('cards.payment.requested', ana.userId, { payment: ok });
    await waitFor(async () => (await ana.balance(checking.id)) === '50.00');
    expect(await ana.balance(card.liabilityAccountId)).toBe('100.00');
    const created = (await outbox('ledger.entry.created')).find(
      (d) => d.entry.externalId === ok.externalId,
    );
    expect(created?.entry).toMatchObject({
      kind: 'TRANSFER',
      source: 'CARDS',
      toAccountId: card.liabilityAccountId,
    });

    const overdraft = payment('50.01');
    const unknown = payment('1.00', newId());
    await publish('cards.payment.requested', ana.userId, { payment: overdraft });
    await publish('cards.payment.requested', ana.userId, { payment: unknown });
    const rejected = await waitFor(async () => {
      const list = await outbox('ledger.entry.rejected');
      return list.length >= 2 && list;
    });
    expect(rejected.find((r) => r.externalId === overdraft.externalId)).toMatchObject({
      userId: ana.userId,
      source: 'CARDS',
      code: 'INSUFFICIENT_FUNDS',
    });
    expect(rejected.find((r) => r.externalId === unknown.externalId)?.code).toBe('NOT_FOUND');
    expect(await ana.balance(checking.id)).toBe('50.00');
    const booked = await query(ledger.em(), 'select 1 from entries where external_id = ?', [
      overdraft.externalId,
    ]);
    expect(booked).toHaveLength(0);
  });
});
