import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addMonths, localDateAt, newId } from '@saldo/kit';
import { errorCode, waitFor, waitForPublished } from '@saldo/kit/testing';
import { snapshot, startAiForTest, type TestAi } from './helpers';

const GENERATE = `mutation($month: String!, $locale: String) {
  generateMonthlyReport(month: $month, locale: $locale) { id status month locale }
}`;
const REPORT = `query($id: ID!) {
  monthlyReport(id: $id) {
    id month status locale model text failureReason
    income { amount currency } expense { amount } net { amount }
    topCategories { category { id } amount { amount } share }
    comparison { month income { amount } expense { amount } expenseChange }
    alerts { type message entries { id } }
    suggestions
    forecast { days balance { amount } }
    readyAt
  }
}`;

interface Report {
  id: string;
  month: string;
  status: string;
  locale: string;
  model: string | null;
  text: string | null;
  income: { amount: string; currency: string } | null;
  expense: { amount: string } | null;
  net: { amount: string } | null;
  topCategories: { category: { id: string } | null; amount: { amount: string }; share: number }[];
  comparison: {
    month: string;
    income: { amount: string };
    expense: { amount: string };
    expenseChange: number | null;
  } | null;
  alerts: { type: string; message: string; entries: { id: string }[] }[];
  suggestions: string[];
  forecast: { days: number; balance: { amount: string } } | null;
}

/** A local OpenAI-compatible server whose answer the test chooses. */
class FakeProvider {
  server: Server | null = null;
  answer: (prompt: string) => { status: number; text: string } = () => ({
    status: 500,
    text: '',
  });
  requests: {
    authorization: string | undefined;
    body: { model: string; messages: { content: string }[] };
  }[] = [];

  async start(): Promise<string> {
    this.server = createServer((req: IncomingMessage, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        const body = JSON.parse(raw) as FakeProvider['requests'][number]['body'];
        this.requests.push({ authorization: req.headers.authorization, body });
        const { status, text } = this.answer(body.messages.map((m) => m.content).join('\n'));
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: text } }] }));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe('monthly reports', () => {
  let ai: TestAi;
  const provider = new FakeProvider();
  const alice = newId();
  const bob = newId();
  const food = newId();
  const transport = newId();
  const today = localDateAt(new Date(), 'America/Sao_Paulo');
  // Two months back: complete, and with a month before it to compare with.
  const month = addMonths(today, -2).slice(0, 7);
  const before = addMonths(today, -3).slice(0, 7);

  const post = (
    userId: string,
    description: string,
    date: string,
    amount: string,
    kind: 'INCOME' | 'EXPENSE',
    categoryId: string | null,
  ) =>
    ai.publish('ledger.entry.created', userId, {
      entry: snapshot(userId, {
        description,
        kind,
        categoryId,
        date,
        amount: { amount, currency: 'BRL' },
      }),
    });

  beforeAll(async () => {
    const url = await provider.start();
    ai = await startAiForTest('ai_reports', {
      AI_BASE_URL: url,
      AI_API_KEY: 'sk-test',
      AI_MODEL: 'fake-model',
      AI_PROVIDER_REPORTS_PER_DAY: 2,
      AI_REPORT_POLL_MS: 200,
    });
    await post(alice, 'SALARIO ACME', `${before}-05`, '5000.00', 'INCOME', null);
    await post(alice, 'MERCADO', `${before}-12`, '800.00', 'EXPENSE', food);
    await post(alice, 'SALARIO ACME', `${month}-05`, '5000.00', 'INCOME', null);
    await post(alice, 'MERCADO', `${month}-12`, '1200.00', 'EXPENSE', food);
    await post(alice, 'UBER *TRIP', `${month}-20`, '30.00', 'EXPENSE', transport);
    await post(alice, 'UBER *TRIP', `${month}-21`, '30.00', 'EXPENSE', transport);
  });

  afterAll(async () => {
    await ai?.stop();
    await provider.stop();
  });

  const generate = (userId: string, m: string, locale?: string) =>
    ai.t.client
      .as(userId)
      .request<{ generateMonthlyReport: Report }>(GENERATE, { month: m, locale });
  const read = (userId: string, id: string) =>
    ai.t.client.as(userId).request<{ monthlyReport: Report }>(REPORT, { id });
  const ready = (userId: string, id: string) =>
    waitFor(
      async () => {
        const r = (await read(userId, id)).data?.monthlyReport;
        return r && r.status !== 'PENDING' ? r : undefined;
      },
      { timeoutMs: 20_000, what: `report ${id} written` },
    );

  it('computes the month and writes it from the template when the provider fails', async () => {
    provider.answer = () => ({ status: 500, text: '' });
    const asked = await generate(alice, month);
    expect(asked.errors).toBeUndefined();
    expect(asked.data?.generateMonthlyReport).toMatchObject({
      status: 'PENDING',
      month,
      locale: 'pt-BR',
    });
    const id = asked.data?.generateMonthlyReport.id as string;
    const r = await ready(alice, id);
    expect(r).toMatchObject({
      status: 'READY',
      model: 'template',
      income: { amount: '5000.00', currency: 'BRL' },
      expense: { amount: '1260.00' },
      net: { amount: '3740.00' },
      topCategories: [
        { category: { id: food }, amount: { amount: '1200.00' }, share: 0.9524 },
        { category: { id: transport }, amount: { amount: '60.00' }, share: 0.0476 },
      ],
      comparison: {
        month: before,
        income: { amount: '5000.00' },
        expense: { amount: '800.00' },
        expenseChange: 0.575,
      },
      forecast: null,
    });
    expect(r.alerts.map((a) => a.type)).toEqual(['DUPLICATE_CHARGE']);
    expect(r.suggestions.length).toBeGreaterThan(0);
    expect(r.text).toContain('R$ 5.000,00');
    expect(r.text).toContain('58 %');
    expect(provider.requests[0]?.authorization).toBe('Bearer sk-test');
    expect(provider.requests[0]?.body.model).toBe('fake-model');
    // The notification's event, in the same transaction as READY.
    const ready_ = await waitForPublished(ai.t.subgraph, 'ai.report.ready', {
      match: (e) => e.data.reportId === id,
    });
    expect(ready_).toMatchObject({
      userId: alice,
      data: { month, locale: 'pt-BR', net: { amount: '3740.00', currency: 'BRL' }, alerts: 1 },
    });
  });

  it('uses the provider’s prose when it quotes only the computed numbers', async () => {
    provider.answer = () => ({
      status: 200,
      text: 'In the month you earned R$5,000.00 and spent R$1,260.00, keeping R$3,740.00. Spending rose 58 %.',
    });
    const id = (await generate(alice, month, 'en')).data?.generateMonthlyReport.id as string;
    const r = await ready(alice, id);
    expect(r).toMatchObject({ status: 'READY', locale: 'en', model: 'fake-model' });
    expect(r.text).toBe(
      'In the month you earned R$5,000.00 and spent R$1,260.00, keeping R$3,740.00. Spending rose 58 %.',
    );
    expect(provider.requests.at(-1)?.body.messages[0]?.content).toContain('English');
  });

  it('falls back to the template when the provider invents a number, and past the daily limit', async () => {
    provider.answer = () => ({ status: 200, text: 'You spent R$ 999,99 on snacks.' });
    const invented = await ready(
      alice,
      (await generate(alice, month)).data?.generateMonthlyReport.id as string,
    );
    expect(invented.model).toBe('template');
    expect(invented.text).not.toContain('999');
    // Two provider-written reports allowed per day; one was written above.
    provider.answer = () => ({ status: 200, text: 'R$ 5.000,00 in, R$ 1.260,00 out.' });
    const second = await ready(
      alice,
      (await generate(alice, month)).data?.generateMonthlyReport.id as string,
    );
    expect(second.model).toBe('fake-model');
    const calls = provider.requests.length;
    const third = await ready(
      alice,
      (await generate(alice, month)).data?.generateMonthlyReport.id as string,
    );
    expect(third.model).toBe('template');
    expect(provider.requests.length).toBe(calls);
  });

  it('keeps reports to their owner and refuses bad months', async () => {
    const id = (await generate(alice, before)).data?.generateMonthlyReport.id as string;
    expect(errorCode(await read(bob, id))).toBe('NOT_FOUND');
    const list = await ai.t.client
      .as(bob)
      .request<{ monthlyReports: unknown[] }>('{ monthlyReports { id } }');
    expect(list.data?.monthlyReports).toEqual([]);
    const bobs = await ready(
      bob,
      (await generate(bob, month)).data?.generateMonthlyReport.id as string,
    );
    expect(bobs).toMatchObject({ status: 'READY', income: { amount: '0.00' }, alerts: [] });
    expect(bobs.text).toContain('Nenhum lançamento');
    for (const m of ['2026-13', addMonths(today, 2).slice(0, 7)]) {
      const bad = await generate(alice, m);
      expect(errorCode(bad)).toBe('BAD_USER_INPUT');
      expect(bad.errors?.[0]?.extensions?.['field']).toBe('month');
    }
  });
});
