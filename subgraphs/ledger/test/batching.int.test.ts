import { countStatements } from '@saldo/kit/testing';
import { startLedgerForTest, type Api, type Ledger } from './harness';

const ACCOUNTS = 100;
/** One list query plus one per batched field: what "bounded" means here. */
const MAX_STATEMENTS = 5;

/** Money in cents as the API prints it. */
const money = (cents: number) =>
  `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;

describe('per-parent fields are batched', () => {
  let ledger: Ledger;
  let ana: Api;
  let ids: string[];
  let food: string;

  beforeAll(async () => {
    ledger = await startLedgerForTest('ledger_batching');
    ana = ledger.as();
    ids = [];
    for (let i = 0; i < ACCOUNTS; i += 10) {
      const chunk = Array.from({ length: 10 }, (_, j) =>
        ana.account({ name: `Conta ${i + j}`, initialBalance: money(i + j) }),
      );
      ids.push(...(await Promise.all(chunk)).map((a) => a.id));
    }
    const groceries = await ana.category('Mercado', 'EXPENSE');
    food = await ana.category('Padaria', 'EXPENSE', groceries);
    const salary = await ana.category('Salário', 'INCOME');
    const inputs = ids.flatMap((accountId, i) => [
      { kind: 'INCOME', accountId, amount: '10', date: '2024-01-15', categoryId: salary },
      ...(i % 2 === 0
        ? [{ kind: 'EXPENSE', accountId, amount: '3', date: '2024-06-30', categoryId: food }]
        : []),
      ...(i % 3 === 0 ? [{ kind: 'INCOME', accountId, amount: '7', date: '2024-07-01' }] : []),
      ...(i % 10 === 0
        ? [
            {
              kind: 'TRANSFER',
              accountId,
              toAccountId: ids[i + 1],
              amount: '1',
              date: '2024-03-01',
            },
          ]
        : []),
    ]);
    await ana.ok(
      'mutation($inputs: [CreateEntryInput!]!) { createEntries(inputs: $inputs) { id } }',
      { inputs },
    );
  }, 60_000);
  afterAll(async () => {
    await ledger?.stop();
  });

  async function counted<T>(query: string): Promise<{ data: T; statements: string[] }> {
    const counter = countStatements(ledger.t.subgraph);
    try {
      const { result, statements } = await counter.during(() => ana.ok<T>(query));
      return { data: result, statements };
    } finally {
      counter.restore();
    }
  }

  /** What account i holds at the end of a day, in cents, from the entries above. */
  function expectedAt(i: number, date: string): number {
    let cents = i;
    if (date >= '2024-01-15') cents += 1000;
    if (date >= '2024-03-01' && i % 10 === 0) cents -= 100;
    if (date >= '2024-03-01' && i % 10 === 1) cents += 100;
    if (date >= '2024-06-30' && i % 2 === 0) cents -= 300;
    if (date >= '2024-07-01' && i % 3 === 0) cents += 700;
    return cents;
  }

  it('reads balanceAt of 100 accounts, on three dates, in a bounded number of statements', async () => {
    type Data = {
      accounts: {
        id: string;
        june: { amount: string; currency: string };
        before: { amount: string };
        july: { amount: string };
      }[];
    };
    const { data, statements } = await counted<Data>(`{ accounts {
      id
      june: balanceAt(date: "2024-06-30") { amount currency }
      before: balanceAt(date: "2023-12-31") { amount }
      july: balanceAt(date: "2024-07-01") { amount } } }`);
    expect(data.accounts).toHaveLength(ACCOUNTS);
    const got = data.accounts.map((a) => [a.id, a.june.amount, a.before.amount, a.july.amount]);
    const want = ids.map((id, i) => [
      id,
      money(expectedAt(i, '2024-06-30')),
      money(expectedAt(i, '2023-12-31')),
      money(expectedAt(i, '2024-07-01')),
    ]);
    expect(got.sort()).toEqual(want.sort());
    expect(data.accounts[0]!.june.currency).toBe('BRL');
    // The counter really sees this request's statements (the test could not pass otherwise).
    expect(statements.some((text) => /\bpostings\b/.test(text))).toBe(true);
    expect(statements.length).toBeLessThanOrEqual(MAX_STATEMENTS);
  });

  it('agrees with balanceAt of one account read alone', async () => {
    const i = 10; // a transfer out, an expense on the day, an income the day after
    const one = await ana.ok<{ account: { balanceAt: { amount: string } } }>(
      'query($id: ID!) { account(id: $id) { balanceAt(date: "2024-06-30") { amount } } }',
      { id: ids[i] },
    );
    expect(one.account.balanceAt.amount).toBe(money(expectedAt(i, '2024-06-30')));
  });

  it('reads 100 entries with their accounts, categories and postings in bounded statements', async () => {
    type Data = {
      entries: {
        edges: {
          node: {
            id: string;
            account: { id: string; name: string };
            toAccount: { id: string } | null;
            category: { id: string; parent: { id: string } | null } | null;
            postings: { account: { id: string }; amount: { amount: string } }[];
            recurrence: { id: string } | null;
          };
        }[];
      };
    };
    const { data, statements } = await counted<Data>(`{ entries(first: 100) { edges { node {
      id account { id name } toAccount { id } category { id parent { id } }
      postings { account { id } amount { amount } } recurrence { id } } } } }`);
    const nodes = data.entries.edges.map((e) => e.node);
    expect(nodes).toHaveLength(100);
    expect(nodes.every((n) => ids.includes(n.account.id) && n.postings.length > 0)).toBe(true);
    expect(nodes.some((n) => n.category?.id === food && n.category.parent !== null)).toBe(true);
    // entries, accounts, categories, their parents, postings: one statement each at most.
    expect(statements.length).toBeLessThanOrEqual(MAX_STATEMENTS);
  });
});
