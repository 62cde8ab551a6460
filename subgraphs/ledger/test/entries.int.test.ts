import { query } from '@saldo/kit';
import { errorCode, publishedEvents } from '@saldo/kit/testing';
import {
  BALANCE_MISMATCHES,
  UNBALANCED_ENTRIES,
  startLedgerForTest,
  type Api,
  type Ledger,
} from './harness';

describe('entries: double entry, balances, idempotency', () => {
  let ledger: Ledger;
  let ana: Api;

  beforeAll(async () => {
    ledger = await startLedgerForTest('ledger_entries');
    ana = ledger.as();
  });
  afterAll(async () => {
    await ledger?.stop();
  });

  afterEach(async () => {
    expect(await query(ledger.em(), BALANCE_MISMATCHES)).toEqual([]);
    expect(await query(ledger.em(), UNBALANCED_ENTRIES)).toEqual([]);
  });

  it('posts income and expense against the account and a nominal account', async () => {
    const account = await ana.account({ initialBalance: '100.00' });
    const salary = await ana.category('Salário', 'INCOME');
    const income = await ana.entry({
      kind: 'INCOME',
      accountId: account.id,
      amount: '1500.50',
      categoryId: salary,
    });
    expect(income.postings).toEqual([
      {
        account: { id: account.id },
        amount: { amount: '1500.50', currency: 'BRL' },
        date: income.date,
      },
    ]);
    await ana.entry({ kind: 'EXPENSE', accountId: account.id, amount: '20.25' });
    expect(await ana.balance(account.id)).toBe('1580.25');
  });

  it('moves money between accounts, across currencies with both amounts', async () => {
    const brl = await ana.account({ initialBalance: '1000' });
    const brl2 = await ana.account({ name: 'Poupança', type: 'SAVINGS' });
    const usd = await ana.account({ name: 'Wise', currency: 'USD' });
    const same = await ana.entry({
      kind: 'TRANSFER',
      accountId: brl.id,
      toAccountId: brl2.id,
      amount: '100',
    });
    expect(same.toAmount).toEqual({ amount: '100.00', currency: 'BRL' });
    const cross = await ana.entry({
      kind: 'TRANSFER',
      accountId: brl.id,
      toAccountId: usd.id,
      amount: '550.00',
      toAmount: '100.00',
    });
    expect(cross.postings.map((p) => p.amount)).toEqual([
      { amount: '-550.00', currency: 'BRL' },
      { amount: '100.00', currency: 'USD' },
    ]);
    expect(await ana.balance(brl.id)).toBe('350.00');
    expect(await ana.balance(brl2.id)).toBe('100.00');
    expect(await ana.balance(usd.id)).toBe('100.00');
    const noToAmount = await ana.createEntry({
      kind: 'TRANSFER',
      accountId: brl.id,
      toAccountId: usd.id,
      amount: '1',
    });
    expect(errorCode(noToAmount)).toBe('BAD_USER_INPUT');
    expect(noToAmount.errors?.[0]?.extensions?.['field']).toBe('toAmount');
  });

  it('loses no update under 100 concurrent entries on one account', async () => {
    const account = await ana.account({});
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        ana.createEntry({
          kind: i % 2 === 0 ? 'INCOME' : 'EXPENSE',
          accountId: account.id,
          amount: `${i + 1}.01`,
        }),
      ),
    );
    expect(results.filter((r) => r.errors)).toEqual([]);
    // Incomes are odd numbers 1..99, expenses even 2..100, each + 0.01.
    const expected = Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? 1 : -1) * (i + 1)).reduce(
      (a, b) => a + b,
      0,
    );
    expect(await ana.balance(account.id)).toBe(`${expected}.00`);
    const changes = await publishedEvents(ledger.t, { type: 'ledger.balance.changed' });
    expect(changes.filter((e) => e.data.accountId === account.id)).toHaveLength(100);
  });

  it('does not deadlock on transfers crossing in both directions', async () => {
    const a = await ana.account({ initialBalance: '1000' });
    const b = await ana.account({ name: 'B', initialBalance: '1000' });
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        ana.createEntry({
          kind: 'TRANSFER',
          accountId: i % 2 ? a.id : b.id,
          toAccountId: i % 2 ? b.id : a.id,
          amount: i % 2 ? '3.00' : '1.00',
        }),
      ),
    );
    expect(results.filter((r) => r.errors)).toEqual([]);
    expect([await ana.balance(a.id), await ana.balance(b.id)]).toEqual(['940.00', '1060.00']);
  });

  it('refuses an overdraft atomically when negative balances are not allowed', async () => {
    const account = await ana.account({ initialBalance: '50.00', allowNegative: false });
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        ana.createEntry({ kind: 'EXPENSE', accountId: account.id, amount: '10.00' }),
      ),
    );
    const refused = results.filter((r) => errorCode(r) === 'INSUFFICIENT_FUNDS');
    expect(refused).toHaveLength(5);
    expect(refused[0]!.errors?.[0]?.extensions?.['accountId']).toBe(account.id);
    expect(await ana.balance(account.id)).toBe('0.00');
    const entries = await query(
      ledger.em(),
      'select count(*)::int as n from entries where account_id = ?::uuid',
      [account.id],
    );
    expect(entries[0]).toEqual({ n: 5 });
  });

  it('returns the first result for a retried idempotency key and CONFLICT for another input', async () => {
    const account = await ana.account({});
    const input = {
      kind: 'INCOME',
      accountId: account.id,
      amount: '10',
      idempotencyKey: 'pix-123',
    };
    const [a, b] = await Promise.all([ana.entry(input), ana.entry({ ...input, amount: '10.00' })]);
    expect(b.id).toBe(a.id);
    expect(await ana.balance(account.id)).toBe('10.00');
    const other = await ana.createEntry({ ...input, amount: '11' });
    expect(errorCode(other)).toBe('CONFLICT');
    expect(other.errors?.[0]?.extensions?.['field']).toBe('idempotencyKey');
  });

  it('answers bad input with clear codes and the field', async () => {
    const account = await ana.account({});
    const archived = await ana.account({ name: 'Velha' });
    await ana.ok('mutation($id: ID!) { archiveAccount(id: $id) { id } }', { id: archived.id });
    const food = await ana.category('Comida', 'EXPENSE');
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { kind: 'EXPENSE', accountId: '019a0000-0000-7000-8000-000000000000', amount: '1' },
        'NOT_FOUND',
        'accountId',
      ],
      [{ kind: 'EXPENSE', accountId: 'not-a-uuid', amount: '1' }, 'NOT_FOUND', 'accountId'],
      [{ kind: 'EXPENSE', accountId: account.id, amount: '1.001' }, 'BAD_USER_INPUT', 'amount'],
      [{ kind: 'EXPENSE', accountId: account.id, amount: '-5' }, 'BAD_USER_INPUT', 'amount'],
      [{ kind: 'EXPENSE', accountId: account.id, amount: '0' }, 'BAD_USER_INPUT', 'amount'],
      [
        { kind: 'TRANSFER', accountId: account.id, toAccountId: account.id, amount: '1' },
        'BAD_USER_INPUT',
        'toAccountId',
      ],
      [{ kind: 'EXPENSE', accountId: archived.id, amount: '1' }, 'INVALID_STATE', 'accountId'],
      [
        { kind: 'INCOME', accountId: account.id, amount: '1', categoryId: food },
        'BAD_USER_INPUT',
        'categoryId',
      ],
      [
        { kind: 'EXPENSE', accountId: account.id, amount: '1', toAccountId: archived.id },
        'BAD_USER_INPUT',
        'toAccountId',
      ],
    ];
    for (const [input, code, field] of cases) {
      const result = await ana.createEntry(input);
      expect([
        JSON.stringify(input),
        errorCode(result),
        result.errors?.[0]?.extensions?.['field'],
      ]).toEqual([JSON.stringify(input), code, field]);
    }
    const jpy = await ana.account({ currency: 'JPY' });
    expect(
      errorCode(await ana.createEntry({ kind: 'INCOME', accountId: jpy.id, amount: '1.5' })),
    ).toBe('BAD_USER_INPUT');
  });

  it('keeps history on edit and delete so past balances can be recomputed', async () => {
    const account = await ana.account({ initialBalance: '100' });
    const entry = await ana.entry({
      kind: 'EXPENSE',
      accountId: account.id,
      amount: '30',
      date: '2024-01-10',
    });
    await ana.entry({ kind: 'INCOME', accountId: account.id, amount: '5', date: '2024-03-01' });
    const edited = await ana.ok<{ updateEntry: { version: number; date: string } }>(
      'mutation($id: ID!) { updateEntry(id: $id, input: { amount: "40", date: "2024-02-10" }) { version date } }',
      { id: entry.id },
    );
    expect(edited.updateEntry).toEqual({ version: 2, date: '2024-02-10' });
    const at = async (date: string) => {
      const data = await ana.ok<{ account: { balanceAt: { amount: string } } }>(
        'query($id: ID!, $d: LocalDate!) { account(id: $id) { balanceAt(date: $d) { amount } } }',
        { id: account.id, d: date },
      );
      return data.account.balanceAt.amount;
    };
    expect([
      await at('2023-12-31'),
      await at('2024-01-31'),
      await at('2024-02-29'),
      await at('2024-03-31'),
    ]).toEqual(['100.00', '100.00', '60.00', '65.00']);
    await ana.ok('mutation($id: ID!) { deleteEntry(id: $id) }', { id: entry.id });
    expect(await at('2024-03-31')).toBe('105.00');
    expect(await ana.balance(account.id)).toBe('105.00');
    const gone = await ana.request('query($id: ID!) { entry(id: $id) { id } }', { id: entry.id });
    expect(errorCode(gone)).toBe('NOT_FOUND');
    const postings = await query<{ amount: string; reversal: boolean; entry_version: number }>(
      ledger.em(),
      'select amount, reversal, entry_version from postings where entry_id = ?::uuid and account_id = ?::uuid order by line',
      [entry.id, account.id],
    );
    expect(postings).toEqual([
      { amount: '-3000', reversal: false, entry_version: 1 },
      { amount: '3000', reversal: true, entry_version: 2 },
      { amount: '-4000', reversal: false, entry_version: 2 },
      { amount: '4000', reversal: true, entry_version: 3 },
    ]);
    const revisions = await query(
      ledger.em(),
      'select version from entry_revisions where entry_id = ?::uuid order by version',
      [entry.id],
    );
    expect(revisions).toEqual([{ version: 1 }, { version: 2 }]);
  });

  it('leaves balances alone for a bill until it is marked posted', async () => {
    const account = await ana.account({ initialBalance: '500' });
    const bill = await ana.entry({
      kind: 'EXPENSE',
      accountId: account.id,
      amount: '120.00',
      status: 'PENDING',
      date: '2024-05-01',
      dueDate: '2024-05-10',
      description: 'Luz',
    });
    expect([bill.status, bill.postings]).toEqual(['PENDING', []]);
    expect(await ana.balance(account.id)).toBe('500.00');
    const bills = await ana.ok<{ entries: { edges: { node: { id: string; dueDate: string } }[] } }>(
      '{ entries(filter: { status: PENDING }) { edges { node { id dueDate } } } }',
    );
    expect(bills.entries.edges.map((e) => e.node)).toContainEqual({
      id: bill.id,
      dueDate: '2024-05-10',
    });
    const paid = await ana.ok<{
      markEntryPosted: { status: string; date: string; version: number };
    }>(
      'mutation($id: ID!) { markEntryPosted(id: $id, date: "2024-05-09") { status date version } }',
      { id: bill.id },
    );
    expect(paid.markEntryPosted).toEqual({ status: 'POSTED', date: '2024-05-09', version: 2 });
    expect(await ana.balance(account.id)).toBe('380.00');
    const again = await ana.request('mutation($id: ID!) { markEntryPosted(id: $id) { id } }', {
      id: bill.id,
    });
    expect(errorCode(again)).toBe('INVALID_STATE');
  });

  it('creates a batch all or nothing', async () => {
    const account = await ana.account({});
    const batch =
      'mutation($inputs: [CreateEntryInput!]!) { createEntries(inputs: $inputs) { id } }';
    const good = { kind: 'INCOME', accountId: account.id, amount: '1' };
    const bad = await ana.request(batch, { inputs: [good, { ...good, amount: '0.001' }] });
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(await ana.balance(account.id)).toBe('0.00');
    const ok = await ana.ok<{ createEntries: { id: string }[] }>(batch, {
      inputs: [good, good, good],
    });
    expect(ok.createEntries).toHaveLength(3);
    expect(await ana.balance(account.id)).toBe('3.00');
  });
});
