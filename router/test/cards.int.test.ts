import { waitFor } from '@saldo/kit/testing';
import { startCards, type Cards } from '@saldo/cards/src/app';
import { ManualClock } from '@saldo/kit';
import type { CardsConfig } from '@saldo/cards/src/config';
import { code, registerUser, subscribed, useStack } from './harness';

type Payload = Record<string, unknown>;

/** Polls until `check` returns something truthy. */
const eventually = <T>(check: () => Promise<T | null | undefined | false>) =>
  waitFor(async () => (await check()) || undefined, { timeoutMs: 15_000 });

const CARD = `query($id: ID!) { card(id: $id) {
  availableLimit { amount }
  liabilityAccount { id type name balance { amount } }
  currentInvoice { month }
  invoices(first: 10) { edges { node { id month status total { amount } paidAmount { amount } } } }
  purchases(first: 10) { edges { node { description category { name } installments { number amount { amount } month } } } }
} }`;

interface CardView {
  availableLimit: { amount: string };
  liabilityAccount: { id: string; type: string; name: string; balance: { amount: string } } | null;
  currentInvoice: { month: string };
  invoices: {
    edges: {
      node: {
        id: string;
        month: string;
        status: string;
        total: { amount: string };
        paidAmount: { amount: string };
      };
    }[];
  };
  purchases: {
    edges: {
      node: {
        description: string;
        category: { name: string } | null;
        installments: { number: number; amount: { amount: string }; month: string }[];
      };
    }[];
  };
}

describe('cards end to end: router, identity, ledger and cards', () => {
  const clock = new ManualClock(new Date('2026-03-05T15:00:00Z'));
  const stack = useStack({
    subgraphs: ['identity', 'ledger', 'cards'],
    start: {
      // The test drives the scheduler itself, with its own clock (see `runScheduler`).
      cards: (config: CardsConfig, database: string) =>
        startCards({ ...config, CARDS_SCHEDULER_INTERVAL_MS: 0 }, database, { clock }),
    },
  });

  const runScheduler = (at: string) =>
    (stack().subgraphs['cards']!.subgraph as Cards).services.scheduler.runOnce(new Date(at));

  function subscribe(accessToken: string, query: string, variables: Payload = {}) {
    return stack().live(`Bearer ${accessToken}`).subscribe(query, variables);
  }

  it('buys in 3x, closes the invoice, pays it from checking, and keeps it all from another user', async () => {
    const ana = await registerUser(stack().client, 'ana');
    const bob = await registerUser(stack().client, 'bob');
    const checking = await ana.client.ok<{ createAccount: { id: string } }>(
      'mutation { createAccount(input: { name: "Conta", type: CHECKING, currency: "BRL", initialBalance: "1000.00", allowNegative: false }) { id } }',
    );
    const checkingId = checking.createAccount.id;
    const categories = await eventually(async () => {
      const data = await ana.client.ok<{ categories: { id: string; name: string }[] }>(
        '{ categories(kind: EXPENSE) { id name } }',
      );
      return data.categories.length > 0 && data.categories;
    });
    const category = categories[0]!;

    const created = await ana.client.ok<{
      createCard: { id: string; liabilityAccount: { id: string } };
    }>(
      `mutation($account: ID!) { createCard(input: { name: "Nubank", currency: "BRL", limit: "1000.00",
        closingDay: 10, dueDay: 20, paymentAccountId: $account }) { id liabilityAccount { id } } }`,
      { account: checkingId },
    );
    const cardId = created.createCard.id;

    const [anaLive, anaRich, bobLive] = await subscribed(stack().router, 3, () => [
      subscribe(
        ana.accessToken,
        `subscription($cardId: ID) { invoiceUpdated(cardId: $cardId) {
          invoiceId month status total { amount } paidAmount { amount } pendingAmount { amount } } }`,
        { cardId },
      ),
      subscribe(
        ana.accessToken,
        'subscription { invoiceUpdated { status invoice { month card { name } } } }',
      ),
      subscribe(bob.accessToken, 'subscription { invoiceUpdated { invoiceId } }'),
    ]);

    const bought = await ana.client.ok<{
      createPurchase: { installments: { amount: { amount: string } }[] };
    }>(
      `mutation($input: CreatePurchaseInput!) { createPurchase(input: $input) { installments { amount { amount } } } }`,
      {
        input: {
          cardId,
          description: 'Geladeira',
          categoryId: category.id,
          totalAmount: '100.00',
          purchaseDate: '2026-03-05',
          installmentCount: 3,
          idempotencyKey: 'geladeira',
        },
      },
    );
    expect(bought.createPurchase.installments.map((i) => i.amount.amount)).toEqual([
      '33.34',
      '33.33',
      '33.33',
    ]);

    // The ledger books the installments on the card's account (over events).
    const booked = await eventually(async () => {
      const data = await ana.client.ok<{ card: CardView }>(CARD, { id: cardId });
      return data.card.liabilityAccount?.balance.amount === '-100.00' && data.card;
    });
    expect(booked.liabilityAccount).toEqual({
      id: created.createCard.liabilityAccount.id,
      type: 'CREDIT_CARD',
      name: 'Nubank',
      balance: { amount: '-100.00' },
    });
    expect(booked.availableLimit.amount).toBe('900.00');
    expect(booked.purchases.edges[0]?.node.category).toEqual({ name: category.name });
    const entries = await ana.client.ok<{
      entries: {
        edges: {
          node: {
            date: string;
            amount: { amount: string };
            source: string;
            category: { id: string };
          };
        }[];
      };
    }>(
      `query($id: ID!) { entries(filter: { accountId: $id }, orderBy: DATE_ASC) { edges { node {
        date amount { amount } source category { id } } } } }`,
      { id: booked.liabilityAccount!.id },
    );
    expect(
      entries.entries.edges.map((e) => [
        e.node.date,
        e.node.amount.amount,
        e.node.source,
        e.node.category.id,
      ]),
    ).toEqual([
      ['2026-03-05', '33.34', 'CARDS', category.id],
      ['2026-04-05', '33.33', 'CARDS', category.id],
      ['2026-05-05', '33.33', 'CARDS', category.id],
    ]);

    // The scheduler closes March's invoice on its closing day (São Paulo time).
    expect((await runScheduler('2026-03-10T12:00:00Z')).closed).toBeGreaterThanOrEqual(1);
    const closed = await eventually(async () =>
      anaLive.received.find((p) => (p['invoiceUpdated'] as Payload)['status'] === 'CLOSED'),
    );
    const march = closed['invoiceUpdated'] as {
      invoiceId: string;
      month: string;
      total: { amount: string };
    };
    expect([march.month, march.total.amount]).toEqual(['2026-03', '33.34']);
    await eventually(async () =>
      anaRich.received.find(
        (p) =>
          JSON.stringify(p) ===
          JSON.stringify({
            invoiceUpdated: {
              status: 'CLOSED',
              invoice: { month: '2026-03', card: { name: 'Nubank' } },
            },
          }),
      ),
    );

    // Paid from checking (the card's payment account): pending until the ledger confirms.
    const paid = await ana.client.ok<{
      payInvoice: { id: string; status: string; amount: { amount: string } };
    }>(
      'mutation($id: ID!) { payInvoice(input: { invoiceId: $id, idempotencyKey: "march" }) { id status amount { amount } } }',
      { id: march.invoiceId },
    );
    expect([paid.payInvoice.status, paid.payInvoice.amount.amount]).toEqual(['PENDING', '33.34']);
    const settled = await eventually(async () => {
      const data = await ana.client.ok<{ card: CardView }>(CARD, { id: cardId });
      const invoice = data.card.invoices.edges.find((e) => e.node.month === '2026-03')?.node;
      return invoice?.status === 'PAID' && data.card;
    });
    expect(settled.availableLimit.amount).toBe('933.34');
    expect(settled.liabilityAccount?.balance.amount).toBe('-66.66');
    expect(settled.currentInvoice.month).toBe('2026-04');
    const balance = await ana.client.ok<{ account: { balance: { amount: string } } }>(
      'query($id: ID!) { account(id: $id) { balance { amount } } }',
      { id: checkingId },
    );
    expect(balance.account.balance.amount).toBe('966.66');
    await eventually(async () =>
      anaLive.received.find((p) => {
        const update = p['invoiceUpdated'] as { status: string; paidAmount: { amount: string } };
        return update.status === 'PAID' && update.paidAmount.amount === '33.34';
      }),
    );
    const payments = await ana.client.ok<{
      invoice: {
        payments: { status: string; entry: { id: string; amount: { amount: string } } | null }[];
      };
    }>(
      'query($id: ID!) { invoice(id: $id) { payments { status entry { id amount { amount } } } } }',
      { id: march.invoiceId },
    );
    expect(payments.invoice.payments).toEqual([
      { status: 'CONFIRMED', entry: { id: expect.any(String), amount: { amount: '33.34' } } },
    ]);

    // Bob sees none of it.
    expect(
      code(await bob.client.request('query($id: ID!) { card(id: $id) { id } }', { id: cardId })),
    ).toBe('NOT_FOUND');
    expect(
      code(
        await bob.client.request('query($id: ID!) { invoice(id: $id) { id } }', {
          id: march.invoiceId,
        }),
      ),
    ).toBe('NOT_FOUND');
    expect(
      code(
        await bob.client.request('query($id: ID!) { account(id: $id) { id } }', {
          id: booked.liabilityAccount!.id,
        }),
      ),
    ).toBe('NOT_FOUND');
    const bobMe = await bob.client.ok<{ me: { cards: unknown[]; invoices: { edges: unknown[] } } }>(
      '{ me { cards { id } invoices { edges { cursor } } } }',
    );
    expect(bobMe.me).toEqual({ cards: [], invoices: { edges: [] } });
    const anaMe = await ana.client.ok<{ me: { cards: { id: string }[] } }>(
      '{ me { cards { id } } }',
    );
    expect(anaMe.me.cards).toEqual([{ id: cardId }]);
    expect(bobLive.received).toEqual([]);
    expect(anaLive.errors).toEqual([]);
  });
});
