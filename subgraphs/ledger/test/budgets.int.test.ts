import { newId } from '@saldo/kit';
import { errorCode, publishedEvents } from '@saldo/kit/testing';
import { EntryKind, EntrySource } from '../src/entries/entry.model';
import { startLedgerForTest, type Api, type Ledger } from './harness';

interface Budget {
  month: string;
  limit: { amount: string };
  spent: { amount: string };
  remaining: { amount: string };
  exceeded: boolean;
  category: { id: string };
}

const BUDGET_FIELDS =
  'month limit { amount } spent { amount } remaining { amount } exceeded category { id }';

describe('budgets and summary', () => {
  let ledger: Ledger;
  let ana: Api;
  let account: string;
  let food: string;
  let bakery: string;

  beforeAll(async () => {
    ledger = await startLedgerForTest('ledger_budgets');
    ana = ledger.as();
    account = (await ana.account({ initialBalance: '5000' })).id;
    food = await ana.category('Alimentação', 'EXPENSE');
    bakery = await ana.category('Padaria', 'EXPENSE', food);
  });
  afterAll(async () => {
    await ledger?.stop();
  });

  const alerts = () => publishedEvents(ledger.t, { type: 'ledger.budget.exceeded' });

  const spend = (amount: string, categoryId: string, date = '2024-03-10') =>
    ana.entry({ kind: 'EXPENSE', accountId: account, amount, categoryId, date });

  it('counts subcategories and card spending, and fires the alert once per month', async () => {
    const set = await ana.ok<{ setBudget: Budget }>(
      `mutation($c: ID!) { setBudget(categoryId: $c, month: "2024-03", limit: "300") { ${BUDGET_FIELDS} } }`,
      { c: food },
    );
    expect(set.setBudget).toMatchObject({ spent: { amount: '0.00' }, exceeded: false });
    await spend('100', food);
    await spend('150', bakery);
    await spend('999', food, '2024-04-01');
    expect(await alerts()).toHaveLength(0);
    // A card installment arrives over events: same rules, counted in the budget.
    const card = (await ana.account({ name: 'Cartão', type: 'CREDIT_CARD' })).id;
    await ledger.t.subgraph.orm.em.fork().transactional((em) =>
      ledger.services.entries.createInTransaction(
        em,
        ana.userId,
        [
          {
            kind: EntryKind.EXPENSE,
            accountId: card,
            amount: '60',
            categoryId: bakery,
            date: '2024-03-20',
            source: EntrySource.CARDS,
            externalId: 'installment-1',
          },
        ],
        '2024-03-20',
      ),
    );
    await Promise.all([spend('5', food), spend('5', food)]);
    const sent = await alerts();
    expect(sent).toHaveLength(1);
    const envelope = sent[0]!;
    expect(envelope.userId).toBe(ana.userId);
    expect(envelope.data).toEqual({
      categoryId: food,
      month: '2024-03',
      limit: { amount: '300.00', currency: 'BRL' },
      spent: { amount: '310.00', currency: 'BRL' },
    });
    const list = await ana.ok<{ budgets: Budget[] }>(
      `{ budgets(month: "2024-03") { ${BUDGET_FIELDS} } }`,
    );
    expect(list.budgets).toEqual([
      {
        month: '2024-03',
        limit: { amount: '300.00' },
        spent: { amount: '320.00' },
        remaining: { amount: '-20.00' },
        exceeded: true,
        category: { id: food },
      },
    ]);
  });

  it('alerts at once when a new limit is already below the spending', async () => {
    await ana.ok(
      'mutation($c: ID!) { setBudget(categoryId: $c, month: "2024-04", limit: "500") { id } }',
      { c: food },
    );
    expect(await alerts()).toHaveLength(2);
    await ana.ok(
      'mutation($c: ID!) { setBudget(categoryId: $c, month: "2024-04", limit: "400") { id } }',
      { c: food },
    );
    expect(await alerts()).toHaveLength(2);
  });

  it('refuses budgets on income categories or unknown ones', async () => {
    const salary = await ana.category('Salário', 'INCOME');
    const income = await ana.request(
      'mutation($c: ID!) { setBudget(categoryId: $c, month: "2024-03", limit: "1") { id } }',
      {
        c: salary,
      },
    );
    expect(errorCode(income)).toBe('BAD_USER_INPUT');
    const unknown = await ana.request(
      'mutation($c: ID!) { setBudget(categoryId: $c, month: "2024-13", limit: "1") { id } }',
      {
        c: newId(),
      },
    );
    expect(errorCode(unknown)).toBe('BAD_USER_INPUT');
  });

  it('sums income and expense by category from the nominal accounts', async () => {
    const bob = ledger.as();
    const acc = (await bob.account({})).id;
    const salary = await bob.category('Salário', 'INCOME');
    const rent = await bob.category('Aluguel', 'EXPENSE');
    await bob.entry({
      kind: 'INCOME',
      accountId: acc,
      amount: '5000',
      categoryId: salary,
      date: '2024-05-05',
    });
    await bob.entry({
      kind: 'EXPENSE',
      accountId: acc,
      amount: '2000',
      categoryId: rent,
      date: '2024-05-10',
    });
    await bob.entry({ kind: 'EXPENSE', accountId: acc, amount: '12.34', date: '2024-05-11' });
    const deleted = await bob.entry({
      kind: 'EXPENSE',
      accountId: acc,
      amount: '1000',
      categoryId: rent,
      date: '2024-05-12',
    });
    await bob.ok('mutation($id: ID!) { deleteEntry(id: $id) }', { id: deleted.id });
    const other = (await bob.account({ name: 'Poupança' })).id;
    await bob.entry({
      kind: 'TRANSFER',
      accountId: acc,
      toAccountId: other,
      amount: '100',
      date: '2024-05-12',
    });
    const data = await bob.ok<{ summary: Record<string, unknown> }>(
      `{ summary(from: "2024-05-01", to: "2024-05-31") { currency income { amount } expense { amount } net { amount }
         byCategory { kind amount { amount } category { id } } } }`,
    );
    expect(data.summary).toEqual({
      currency: 'BRL',
      income: { amount: '5000.00' },
      expense: { amount: '2012.34' },
      net: { amount: '2987.66' },
      byCategory: [
        { kind: 'INCOME', amount: { amount: '5000.00' }, category: { id: salary } },
        { kind: 'EXPENSE', amount: { amount: '2000.00' }, category: { id: rent } },
        { kind: 'EXPENSE', amount: { amount: '12.34' }, category: null },
      ],
    });
  });
});
