import { encodeCursor, newId } from '@saldo/kit';
import { errorCode } from '@saldo/kit/testing';
import { seedCards } from './bulk';
import { startCardsForTest, type TestCards } from './helpers';
import { countStatements, type StatementCounter } from '@saldo/kit/testing';

interface PageInfoData {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}
interface Page<N> {
  edges: { cursor: string; node: N }[];
  pageInfo: PageInfoData;
}
interface InvoiceNode {
  id: string;
  month: string;
  total: { amount: string };
}
interface PurchaseNode {
  id: string;
  description: string;
  purchaseDate: string;
  installments: { number: number; amount: { amount: string } }[];
}
interface CardPages {
  id: string;
  invoices: Page<InvoiceNode>;
  purchases: Page<PurchaseNode>;
}

const PAGE_INFO = 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';
const INVOICES = `edges { cursor node { id month total { amount } } } ${PAGE_INFO}`;
const PURCHASES = `edges { cursor node { id description purchaseDate
  installments { number amount { amount } } } } ${PAGE_INFO}`;
const CARD_PAGES = `id invoices(first: $first, after: $invoicesAfter) { ${INVOICES} }
  purchases(first: $first, after: $purchasesAfter) { ${PURCHASES} }`;
const PAGE_VARIABLES = '$first: Int, $invoicesAfter: String, $purchasesAfter: String';
const CARDS_WITH_PAGES = `query(${PAGE_VARIABLES}) { cards { ${CARD_PAGES} } }`;

const months = (page: Page<InvoiceNode>) => page.edges.map((e) => [e.node.month, e.node.total]);
const bought = (page: Page<PurchaseNode>) => page.edges.map((e) => e.node.description);

describe('cards with their invoices and purchases, batched', () => {
  let t: TestCards;
  let counter: StatementCounter;
  const heavy = newId();

  beforeAll(async () => {
    t = await startCardsForTest('cards_batching');
    counter = countStatements(t.cards);
    await seedCards(t, heavy, 100);
  });
  afterAll(async () => {
    counter?.restore();
    await t?.stop();
  });

  it('gives each of 100 cards its own first pages, newest first, with cursors to go on', async () => {
    const { cards } = await t.as(heavy).ok<{ cards: CardPages[] }>(CARDS_WITH_PAGES, { first: 2 });
    expect(cards).toHaveLength(100);
    const owners = new Map<string, string>();
    for (const card of cards) {
      expect(months(card.invoices)).toEqual([
        ['2026-05', { amount: '100.00' }],
        ['2026-04', { amount: '100.00' }],
      ]);
      expect(bought(card.purchases)).toEqual(['Padaria', 'Farmácia']);
      for (const [page, ordering, keyOf] of [
        [card.invoices, 'invoices', (n: InvoiceNode) => [n.month, n.id]],
        [card.purchases, 'purchases', (n: PurchaseNode) => [n.purchaseDate, n.id]],
      ] as const) {
        const edges = page.edges as { cursor: string; node: InvoiceNode & PurchaseNode }[];
        expect(edges.map((e) => e.cursor)).toEqual(
          edges.map((e) => encodeCursor(ordering, keyOf(e.node))),
        );
        expect(page.pageInfo).toEqual({
          hasNextPage: true,
          hasPreviousPage: false,
          startCursor: edges[0]!.cursor,
          endCursor: edges[1]!.cursor,
        });
        for (const e of edges) owners.set(e.node.id, card.id);
      }
    }
    // 100 x (2 invoices + 2 purchases), none shared between cards.
    expect(owners.size).toBe(400);
  });

  it('pages on from a cursor, per card, exactly as for that card alone', async () => {
    const api = t.as(heavy);
    const first = await api.ok<{ cards: CardPages[] }>(CARDS_WITH_PAGES, { first: 2 });
    const one = first.cards[17]!;
    const alone = (after: Record<string, string>) =>
      api.ok<{ card: CardPages }>(
        `query($id: ID!, ${PAGE_VARIABLES}) { card(id: $id) { ${CARD_PAGES} } }`,
        { id: one.id, first: 2, ...after },
      );

    const next = (await alone({ invoicesAfter: one.invoices.pageInfo.endCursor! })).card;
    expect(months(next.invoices)).toEqual([['2026-03', { amount: '170.00' }]]);
    expect(next.invoices.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    // The same cursor for all 100 cards at once: card 17 gets the same page as alone.
    const all = await api.ok<{ cards: CardPages[] }>(CARDS_WITH_PAGES, {
      first: 2,
      invoicesAfter: one.invoices.pageInfo.endCursor,
    });
    expect(all.cards.find((c) => c.id === one.id)!.invoices).toEqual(next.invoices);

    const rest = (await alone({ purchasesAfter: one.purchases.pageInfo.endCursor! })).card;
    expect(bought(rest.purchases)).toEqual(['Mercado']);
    expect(rest.purchases.edges[0]!.node.installments.map((i) => i.amount.amount)).toEqual([
      '100.00',
      '100.00',
      '100.00',
    ]);
    expect(rest.purchases.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const again = await api.ok<{ cards: CardPages[] }>(CARDS_WITH_PAGES, {
      first: 2,
      purchasesAfter: one.purchases.pageInfo.endCursor,
    });
    expect(again.cards.find((c) => c.id === one.id)!.purchases).toEqual(rest.purchases);
  });

  it('keeps different arguments of one query apart (status, first, no page at all)', async () => {
    const { cards } = await t.as(heavy).ok<{
      cards: {
        open: Page<InvoiceNode>;
        paid: Page<InvoiceNode>;
        one: Page<InvoiceNode>;
        none: Page<PurchaseNode>;
        all: Page<PurchaseNode>;
      }[];
    }>(`{ cards {
      open: invoices(status: OPEN) { ${INVOICES} }
      paid: invoices(status: PAID) { ${INVOICES} }
      one: invoices(first: 1) { ${INVOICES} }
      none: purchases(first: 0) { ${PURCHASES} }
      all: purchases { ${PURCHASES} } } }`);
    expect(cards).toHaveLength(100);
    for (const card of cards) {
      expect(months(card.open).map(([m]) => m)).toEqual(['2026-05', '2026-04', '2026-03']);
      expect(card.open.pageInfo.hasNextPage).toBe(false);
      expect(card.paid.edges).toEqual([]);
      expect(months(card.one).map(([m]) => m)).toEqual(['2026-05']);
      expect(card.one.pageInfo.hasNextPage).toBe(true);
      expect(card.none).toEqual({
        edges: [],
        pageInfo: {
          hasNextPage: false,
          hasPreviousPage: false,
          startCursor: null,
          endCursor: null,
        },
      });
      expect(bought(card.all)).toEqual(['Padaria', 'Farmácia', 'Mercado']);
    }
  });

  it('refuses a bad page size or a cursor of another ordering as before', async () => {
    const api = t.as(heavy);
    expect(errorCode(await api.request(CARDS_WITH_PAGES, { first: -1 }))).toBe('BAD_USER_INPUT');
    const { cards } = await api.ok<{ cards: CardPages[] }>(CARDS_WITH_PAGES, { first: 1 });
    const purchaseCursor = cards[0]!.purchases.pageInfo.endCursor;
    const wrong = await api.request(
      `query($after: String) { cards { invoices(after: $after) { ${INVOICES} } } }`,
      { after: purchaseCursor },
    );
    expect(errorCode(wrong)).toBe('BAD_USER_INPUT');
  });

  it('sends a bounded number of statements for 100 cards, the same as for one', async () => {
    const query = () => t.as(heavy).ok<{ cards: CardPages[] }>(CARDS_WITH_PAGES, { first: 2 });
    await query(); // warm: the pool's connections exist, so no connection set-up is counted
    const hundred = await counter.during(query);
    expect(hundred.result.cards).toHaveLength(100);
    // The spy really sees this request's statements (the test could not pass otherwise).
    for (const table of ['cards', 'invoices', 'purchases', 'installments']) {
      expect(hundred.statements.some((s) => new RegExp(`from ${table}\\b`).test(s))).toBe(true);
    }
    expect(hundred.statements.length).toBeLessThanOrEqual(5);

    const single = newId();
    await seedCards(t, single, 1);
    const one = await counter.during(() =>
      t.as(single).ok<{ cards: CardPages[] }>(CARDS_WITH_PAGES, { first: 2 }),
    );
    expect(one.result.cards).toHaveLength(1);
    expect(hundred.statements.length).toBe(one.statements.length);
  });
});
