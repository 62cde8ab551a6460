import { newId, query } from '@saldo/kit';
import { errorCode } from '@saldo/kit/testing';
import { startLedgerForTest, type Api, type Ledger } from './harness';

describe('isolation between users', () => {
  let ledger: Ledger;
  let ana: Api;
  let bob: Api;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ledger = await startLedgerForTest('ledger_isolation');
    ana = ledger.as();
    bob = ledger.as();
    const account = await ana.account({ initialBalance: '10' });
    const other = await ana.account({ name: 'Outra' });
    ids['account'] = account.id;
    ids['category'] = await ana.category('Mercado', 'EXPENSE');
    ids['entry'] = (
      await ana.entry({
        kind: 'EXPENSE',
        accountId: account.id,
        amount: '1',
        categoryId: ids['category'],
      })
    ).id;
    ids['transfer'] = (
      await ana.entry({
        kind: 'TRANSFER',
        accountId: account.id,
        toAccountId: other.id,
        amount: '1',
      })
    ).id;
    const rec = await ana.ok<{ createRecurrence: { id: string } }>(
      `mutation($a: ID!) { createRecurrence(input: { frequency: MONTHLY, startDate: "2024-01-01", count: 2,
         kind: EXPENSE, accountId: $a, amount: "5" }) { id } }`,
      { a: account.id },
    );
    ids['recurrence'] = rec.createRecurrence.id;
  });
  afterAll(async () => {
    await ledger?.stop();
  });

  it("shows a second user none of the first user's data", async () => {
    const data = await bob.ok<Record<string, unknown[]>>(
      '{ accounts(includeArchived: true) { id } categories(includeArchived: true) { id } recurrences(includeInactive: true) { id } }',
    );
    expect(data).toEqual({ accounts: [], categories: [], recurrences: [] });
    const entries = await bob.ok<{ entries: { edges: unknown[] } }>(
      '{ entries(first: 500) { edges { cursor } } }',
    );
    expect(entries.entries.edges).toEqual([]);
    const filtered = await bob.ok<{ entries: { edges: unknown[] } }>(
      'query($a: ID!) { entries(filter: { accountId: $a }) { edges { cursor } } }',
      { a: ids['account'] },
    );
    expect(filtered.entries.edges).toEqual([]);
  });

  it("answers NOT_FOUND for the first user's ids, on reads and writes", async () => {
    const operations: [string, Record<string, unknown>][] = [
      ['query($id: ID!) { account(id: $id) { id } }', { id: ids['account'] }],
      ['query($id: ID!) { entry(id: $id) { id } }', { id: ids['entry'] }],
      [
        'mutation($id: ID!) { updateAccount(id: $id, input: { name: "x" }) { id } }',
        { id: ids['account'] },
      ],
      ['mutation($id: ID!) { archiveAccount(id: $id) { id } }', { id: ids['account'] }],
      [
        'mutation($id: ID!) { updateCategory(id: $id, input: { name: "x" }) { id } }',
        { id: ids['category'] },
      ],
      [
        'mutation($id: ID!) { updateEntry(id: $id, input: { description: "x" }) { id } }',
        { id: ids['entry'] },
      ],
      ['mutation($id: ID!) { deleteEntry(id: $id) }', { id: ids['entry'] }],
      ['mutation($id: ID!) { markEntryPosted(id: $id) { id } }', { id: ids['entry'] }],
      ['mutation($id: ID!) { cancelRecurrence(id: $id) { id } }', { id: ids['recurrence'] }],
      [
        'mutation($id: ID!) { setBudget(categoryId: $id, month: "2024-01", limit: "1") { id } }',
        { id: ids['category'] },
      ],
      [
        'mutation($a: ID!) { createEntry(input: { kind: EXPENSE, accountId: $a, amount: "1" }) { id } }',
        { a: ids['account'] },
      ],
    ];
    for (const [operation, variables] of operations) {
      const result = await bob.request(operation, variables);
      expect([operation, errorCode(result)]).toEqual([operation, 'NOT_FOUND']);
      expect(JSON.stringify(result)).not.toContain('Mercado');
    }
    const ownAccount = await bob.account({});
    const intoAna = await bob.createEntry({
      kind: 'EXPENSE',
      accountId: ownAccount.id,
      amount: '1',
      categoryId: ids['category'],
    });
    expect(errorCode(intoAna)).toBe('NOT_FOUND');
    // 10 initial - 1 expense - 1 transfer - 2 x 5 from the recurrence.
    expect(await ana.balance(ids['account']!)).toBe('-2.00');
  });

  it("resolves another user's entity references to null", async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Account { id } ... on Entry { id } ... on Category { id } ... on User { id accounts { id } } } }`;
    const reps = [
      { __typename: 'Account', id: ids['account'] },
      { __typename: 'Entry', id: ids['entry'] },
      { __typename: 'Category', id: ids['category'] },
      { __typename: 'User', id: ana.userId },
    ];
    const theirs = await bob.ok<{ _entities: unknown[] }>(query, { r: reps });
    expect(theirs._entities).toEqual([null, null, null, null]);
    const mine = await ana.ok<{ _entities: unknown[] }>(query, { r: reps });
    expect(mine._entities).toEqual([
      { id: ids['account'] },
      { id: ids['entry'] },
      { id: ids['category'] },
      { id: ana.userId, accounts: expect.any(Array) },
    ]);
  });

  it('requires the ledger scopes', async () => {
    const reader = ledger.t.client.as(ana.userId, ['ledger:read']);
    const write = await reader.request(
      'mutation { createCategory(input: { name: "x", kind: EXPENSE }) { id } }',
    );
    expect(errorCode(write)).toBe('FORBIDDEN');
    const none = ledger.t.client.as(ana.userId, ['profile']);
    expect(errorCode(await none.request('{ accounts { id } }'))).toBe('FORBIDDEN');
  });

  it("lists every user's balances to operators only, a page at a time", async () => {
    const BALANCES = `query($first: Int, $after: String) { accountBalances(first: $first, after: $after) {
      edges { node { accountId userId balance { amount currency } archived } }
      pageInfo { hasNextPage endCursor } } }`;
    expect(errorCode(await ana.request(BALANCES))).toBe('FORBIDDEN');
    const bobs = await bob.account({ name: 'Bob', initialBalance: '7.5' });
    const operator = ledger.t.client.as(newId(), ['admin']);
    type Page = {
      accountBalances: {
        edges: {
          node: {
            accountId: string;
            userId: string;
            balance: { amount: string };
            archived: boolean;
          };
        }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    };
    const seen: Page['accountBalances']['edges'][number]['node'][] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { accountBalances: page }: Page = await operator.ok<Page>(BALANCES, {
        first: 2,
        after,
      });
      seen.push(...page.edges.map((e) => e.node));
      pages += 1;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    // Ana's two accounts and Bob's one: real accounts only (no category accounts), by id.
    const ids = seen.map((b) => b.accountId);
    expect(ids).toEqual([...ids].sort());
    expect(pages).toBe(2);
    const stored = await query<{ id: string; user_id: string; balance: string }>(
      ledger.em(),
      `select id, user_id, balance::text as balance from accounts
        where class in ('ASSET', 'LIABILITY') order by id`,
    );
    expect(seen.map((b) => [b.accountId, b.userId])).toEqual(stored.map((r) => [r.id, r.user_id]));
    expect(new Set(seen.map((b) => b.userId))).toEqual(new Set([ana.userId, bob.userId]));
    expect(seen.find((b) => b.accountId === bobs.id)?.balance.amount).toBe('7.50');
    const bad = await operator.request(BALANCES, { after: 'nonsense' });
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
  });
});
