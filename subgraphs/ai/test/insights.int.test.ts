import { addMonths, localDateAt, newId } from '@saldo/kit';
import { errorCode } from '@saldo/kit/testing';
import { snapshot, startAiForTest, type TestAi } from './helpers';

const INSIGHTS = `query($month: String!, $locale: String) {
  insights(month: $month, locale: $locale) {
    id type title message amount { amount currency } usualAmount { amount } change
    category { id } date entries { id }
  }
}`;

interface Insights {
  insights: {
    id: string;
    type: string;
    title: string;
    message: string;
    amount: { amount: string; currency: string };
    usualAmount: { amount: string } | null;
    change: number | null;
    category: { id: string } | null;
    date: string | null;
    entries: { id: string }[];
  }[];
}

describe('insights', () => {
  let ai: TestAi;
  const alice = newId();
  const bob = newId();
  const streaming = newId();
  const transport = newId();
  const today = localDateAt(new Date(), 'America/Sao_Paulo');
  const lastMonth = addMonths(today, -1).slice(0, 7);
  const uber: string[] = [];
  const netflix: string[] = [];

  const publish = async (
    userId: string,
    description: string,
    date: string,
    amount: string,
    categoryId: string,
  ) => {
    const entry = snapshot(userId, {
      description,
      categoryId,
      date,
      amount: { amount, currency: 'BRL' },
    });
    await ai.publish('ledger.entry.created', userId, { entry });
    return entry.id;
  };

  beforeAll(async () => {
    ai = await startAiForTest('ai_insights');
    // Netflix monthly for four months, dearer last month; Uber twice on consecutive days.
    for (const back of [4, 3, 2, 1]) {
      netflix.push(
        await publish(
          alice,
          'NETFLIX.COM',
          `${addMonths(today, -back).slice(0, 7)}-15`,
          back === 1 ? '44.90' : '39.90',
          streaming,
        ),
      );
    }
    for (const day of ['10', '11']) {
      uber.push(await publish(alice, 'UBER *TRIP', `${lastMonth}-${day}`, '23.50', transport));
    }
    await publish(bob, 'NETFLIX.COM', `${lastMonth}-15`, '44.90', streaming);
  });

  afterAll(async () => {
    await ai?.stop();
  });

  const insights = (userId: string, month: string, locale?: string) =>
    ai.t.client.as(userId).request<Insights>(INSIGHTS, { month, locale });

  it('finds the duplicate charge and the price rise, with the entries and English messages', async () => {
    const { data, errors } = await insights(alice, lastMonth, 'en');
    expect(errors).toBeUndefined();
    expect(data?.insights).toMatchObject([
      {
        type: 'DUPLICATE_CHARGE',
        title: 'Possible duplicate charge',
        amount: { amount: '23.50', currency: 'BRL' },
        category: { id: transport },
        date: `${lastMonth}-11`,
        entries: uber.map((id) => ({ id })),
      },
      {
        type: 'PRICE_INCREASE',
        title: 'Subscription price increase',
        amount: { amount: '44.90' },
        usualAmount: { amount: '39.90' },
        change: 0.1253,
        category: { id: streaming },
        entries: netflix.slice(2).map((id) => ({ id })),
      },
    ]);
    expect(data?.insights[1]?.message).toBe('NETFLIX.COM went from R$39.90 to R$44.90 (+13 %).');
  });

  it('writes pt-BR by default, money as R$ 44,90', async () => {
    const { data } = await insights(alice, lastMonth);
    const rise = data?.insights.find((i) => i.type === 'PRICE_INCREASE');
    expect(rise?.title).toBe('Assinatura mais cara');
    expect(rise?.message.replace(/\s/g, ' ')).toBe(
      'NETFLIX.COM passou de R$ 39,90 para R$ 44,90 (+13 %).',
    );
  });

  it('keeps users apart and refuses months that are not months or have not started', async () => {
    expect((await insights(bob, lastMonth)).data?.insights).toEqual([]);
    for (const month of ['2026-13', 'nov', addMonths(today, 2).slice(0, 7)]) {
      const bad = await insights(alice, month);
      expect(errorCode(bad)).toBe('BAD_USER_INPUT');
      expect(bad.errors?.[0]?.extensions?.['field']).toBe('month');
    }
    expect(errorCode(await insights(alice, lastMonth, 'fr'))).toBe('BAD_USER_INPUT');
  });
});
