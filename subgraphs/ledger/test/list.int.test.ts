import { query } from '@saldo/kit';
import { errorCode } from '@saldo/kit/testing';
import { startLedgerForTest, type Api, type Ledger } from './harness';

interface Page {
  entries: {
    edges: { node: { id: string; date: string; amount: { amount: string } } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const LIST = `query($filter: EntryFilter, $after: String, $first: Int, $order: EntryOrder! = DATE_DESC) {
  entries(filter: $filter, first: $first, after: $after, orderBy: $order) {
    edges { node { id date amount { amount } } } pageInfo { hasNextPage endCursor } } }`;

describe('entry list over 10,000 entries', () => {
  let ledger: Ledger;
  let ana: Api;
  let checking: string;
  let savings: string;
  let food: string;

  beforeAll(async () => {
    ledger = await startLedgerForTest('ledger_list');
    ana = ledger.as();
    checking = (await ana.account({ name: 'Corrente' })).id;
    savings = (await ana.account({ name: 'Poupança', type: 'SAVINGS' })).id;
    food = await ana.category('Mercado', 'EXPENSE');
    const batch =
      'mutation($inputs: [CreateEntryInput!]!) { createEntries(inputs: $inputs) { id } }';
    for (let b = 0; b < 10; b += 1) {
      const inputs = Array.from({ length: 1000 }, (_, j) => {
        const i = b * 1000 + j;
        const date = new Date(Date.UTC(2023, 0, 1) + (i % 400) * 86_400_000)
          .toISOString()
          .slice(0, 10);
        if (i % 10 === 0)
          return { kind: 'TRANSFER', accountId: checking, toAccountId: savings, amount: '5', date };
        if (i % 3 === 0)
          return {
            kind: 'INCOME',
            accountId: checking,
            amount: `${100 + (i % 50)}`,
            date,
            tags: ['salario'],
          };
        return {
          kind: 'EXPENSE',
          accountId: i % 2 ? checking : savings,
          amount: `${(i % 97) + 1}.${String(i % 100).padStart(2, '0')}`,
          date,
          categoryId: i % 4 === 1 ? food : null,
          description: i % 500 === 7 ? `Padaria 100% pão ${i}` : `compra ${i}`,
        };
      });
      await ana.ok(batch, { inputs });
    }
  }, 60_000);
  afterAll(async () => {
    await ledger?.stop();
  });

  async function all(filter: Record<string, unknown>, first = 500, order = 'DATE_DESC') {
    const nodes: Page['entries']['edges'][number]['node'][] = [];
    let after: string | null = null;
    for (;;) {
      const page: Page = await ana.ok<Page>(LIST, { filter, after, first, order });
      nodes.push(...page.entries.edges.map((e) => e.node));
      if (!page.entries.pageInfo.hasNextPage) return nodes;
      after = page.entries.pageInfo.endCursor;
    }
  }

  it('pages through everything in (date, id) order without gaps or repeats', async () => {
    const nodes = await all({});
    expect(nodes).toHaveLength(10_000);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(10_000);
    const keys = nodes.map((n) => `${n.date}|${n.id}`);
    expect(keys).toEqual([...keys].sort().reverse());
    const ascending = await all({}, 317, 'DATE_ASC');
    expect(ascending.map((n) => n.id)).toEqual(nodes.map((n) => n.id).reverse());
  });

  it('filters by account (both sides of transfers), category, kind, dates, amount, text and tags', async () => {
    const counts = await query<Record<string, number>>(
      ledger.em(),
      `select
         count(*) filter (where account_id = ?::uuid or to_account_id = ?::uuid)::int as account,
         count(*) filter (where category_id = ?::uuid)::int as category,
         count(*) filter (where kind = 'INCOME')::int as income,
         count(*) filter (where date between '2023-02-01' and '2023-02-28')::int as february,
         count(*) filter (where amount >= 5000 and amount <= 6000)::int as amount,
         count(*) filter (where description ilike '%100\\% pão%')::int as search,
         count(*) filter (where 'salario' = any(tags) and kind = 'INCOME')::int as tags
       from entries`,
      [savings, savings, food],
    );
    const expected = counts[0]!;
    const sizes = {
      account: (await all({ accountId: savings })).length,
      category: (await all({ categoryId: food })).length,
      income: (await all({ kind: 'INCOME' })).length,
      february: (await all({ from: '2023-02-01', to: '2023-02-28' })).length,
      amount: (await all({ minAmount: '50', maxAmount: '60.00' })).length,
      search: (await all({ search: '100% PÃO' })).length,
      tags: (await all({ tags: ['salario'], kind: 'INCOME' })).length,
    };
    expect(sizes).toEqual(expected);
    expect(expected.search).toBeGreaterThan(0);
    const feb = await all({ from: '2023-02-01', to: '2023-02-28', accountId: checking }, 50);
    expect(feb.every((n) => n.date >= '2023-02-01' && n.date <= '2023-02-28')).toBe(true);
  });

  it('refuses a cursor of another ordering and caps the page size', async () => {
    const first = await ana.ok<Page>(LIST, { first: 1 });
    const wrong = await ana.request(LIST, {
      first: 1,
      after: first.entries.pageInfo.endCursor,
      order: 'DATE_ASC',
    });
    expect(errorCode(wrong)).toBe('BAD_USER_INPUT');
    const big = await ana.ok<Page>(LIST, { first: 5000 });
    expect(big.entries.edges).toHaveLength(500);
  });
});
