import type { EventData } from '@saldo/events';
import { addDays, addMonths, localDateAt, newId } from '@saldo/kit';
import { errorCode } from '@saldo/kit/testing';
import { snapshot, startAiForTest, type TestAi } from './helpers';

const FORECAST = `query($accountId: ID, $days: Int) {
  balanceForecast(accountId: $accountId, days: $days) {
    account { id } accounts { id } currency days
    balance { amount currency }
    points { date expected { amount } low { amount } high { amount } }
    lowest { date expected { amount } }
    items { date amount { amount } description source refId }
    usualDailyFlow { amount }
  }
}`;

interface Point {
  date: string;
  expected: { amount: string };
  low: { amount: string };
  high: { amount: string };
}
interface Forecast {
  balanceForecast: {
    account: { id: string } | null;
    accounts: { id: string }[];
    currency: string;
    days: number;
    balance: { amount: string; currency: string };
    points: Point[];
    lowest: { date: string; expected: { amount: string } };
    items: { date: string; amount: { amount: string }; description: string; source: string }[];
    usualDailyFlow: { amount: string };
  } | null;
}

const account = (
  userId: string,
  id: string,
  type: 'CHECKING' | 'INVESTMENT',
  initial: string,
): EventData<'ledger.account.created'>['account'] => ({
  id,
  userId,
  name: type === 'CHECKING' ? 'Conta corrente' : 'Investimentos',
  type,
  currency: 'BRL',
  initialBalance: { amount: initial, currency: 'BRL' },
  allowNegative: false,
  archived: false,
  externalId: null,
});

describe('balanceForecast', () => {
  let ai: TestAi;
  const alice = newId();
  const bob = newId();
  const checking = newId();
  const investments = newId();
  const bobs = newId();
  const today = localDateAt(new Date(), 'America/Sao_Paulo');
  const salaryDay = addDays(today, 3);

  const posted = (description: string, date: string, amount: string, kind: 'INCOME' | 'EXPENSE') =>
    snapshot(alice, {
      description,
      categoryId: null,
      accountId: checking,
      kind,
      date,
      amount: { amount, currency: 'BRL' },
      postings: [
        {
          accountId: checking,
          amount: { amount: kind === 'INCOME' ? amount : `-${amount}`, currency: 'BRL' },
        },
      ],
    });

  beforeAll(async () => {
    ai = await startAiForTest('ai_forecast');
    await ai.publish('ledger.account.created', alice, {
      account: account(alice, checking, 'CHECKING', '1000.00'),
    });
    await ai.publish('ledger.account.created', alice, {
      account: account(alice, investments, 'INVESTMENT', '50000.00'),
    });
    await ai.publish('ledger.account.created', bob, {
      account: account(bob, bobs, 'CHECKING', '7.00'),
    });
    // Alice's salary arrives monthly, three days from today's day of the month.
    for (const back of [3, 2, 1]) {
      await ai.publish('ledger.entry.created', alice, {
        entry: posted('SALARIO ACME LTDA', addMonths(salaryDay, -back), '5000.00', 'INCOME'),
      });
    }
    // A bill pending in ten days, and an open card invoice due in twenty.
    await ai.publish('ledger.entry.created', alice, {
      entry: snapshot(alice, {
        description: 'Conta de luz',
        categoryId: null,
        accountId: checking,
        status: 'PENDING',
        date: addDays(today, 10),
        amount: { amount: '180.00', currency: 'BRL' },
      }),
    });
    await ai.publish('cards.invoice.updated', alice, {
      invoiceId: newId(),
      cardId: newId(),
      month: addDays(today, 20).slice(0, 7),
      status: 'CLOSED',
      closingDate: addDays(today, 13),
      dueDate: addDays(today, 20),
      total: { amount: '900.00', currency: 'BRL' },
      paidAmount: { amount: '100.00', currency: 'BRL' },
      pendingAmount: { amount: '0.00', currency: 'BRL' },
    });
  });

  afterAll(async () => {
    await ai?.stop();
  });

  const forecast = (userId: string, variables: Record<string, unknown> = {}) =>
    ai.t.client.as(userId).request<Forecast>(FORECAST, variables);

  it('carries the spendable balance forward with the salary, the bill and the invoice', async () => {
    const { data, errors } = await forecast(alice);
    expect(errors).toBeUndefined();
    const f = data?.balanceForecast;
    // Investments are not spendable: only checking (1000 + three salaries).
    expect(f).toMatchObject({
      account: null,
      accounts: [{ id: checking }],
      currency: 'BRL',
      days: 30,
      balance: { amount: '16000.00', currency: 'BRL' },
      usualDailyFlow: { amount: '0.00' },
    });
    expect(f?.points).toHaveLength(31);
    expect(f?.points[0]).toMatchObject({ date: today, expected: { amount: '16000.00' } });
    expect(f?.items.map((i) => [i.date, i.source, i.amount.amount])).toEqual([
      [salaryDay, 'RECURRING', '5000.00'],
      [addDays(today, 10), 'PENDING', '-180.00'],
      [addDays(today, 20), 'INVOICE', '-800.00'],
    ]);
    const at = (date: string) => f?.points.find((p) => p.date === date)?.expected.amount;
    expect(at(addDays(today, 2))).toBe('16000.00');
    expect(at(salaryDay)).toBe('21000.00');
    expect(at(addDays(today, 30))).toBe('20020.00');
    expect(f?.lowest).toMatchObject({ date: today, expected: { amount: '16000.00' } });
  });

  it('forecasts one account, shorter, without card invoices (who pays them is not known)', async () => {
    const { data } = await forecast(alice, { accountId: checking, days: 15 });
    const f = data?.balanceForecast;
    expect(f?.account).toEqual({ id: checking });
    expect(f?.points).toHaveLength(16);
    expect(f?.items.map((i) => i.source)).toEqual(['RECURRING', 'PENDING']);
  });

  it('keeps each user to their own accounts and checks the horizon', async () => {
    const bobsOwn = await forecast(bob);
    expect(bobsOwn.data?.balanceForecast).toMatchObject({
      accounts: [{ id: bobs }],
      balance: { amount: '7.00' },
      items: [],
    });
    const foreign = await forecast(bob, { accountId: checking });
    expect(errorCode(foreign)).toBe('NOT_FOUND');
    for (const days of [0, 91]) {
      const bad = await forecast(alice, { days });
      expect(errorCode(bad)).toBe('BAD_USER_INPUT');
      expect(bad.errors?.[0]?.extensions?.['field']).toBe('days');
    }
    const nobody = await forecast(newId());
    expect(nobody.data?.balanceForecast).toBeNull();
  });

  it('forgets the user’s accounts and invoices on erasure', async () => {
    await ai.publish('identity.user.deleted', alice, { userId: alice });
    const { data } = await forecast(alice);
    expect(data?.balanceForecast).toBeNull();
  });
});
