// The insights screen in a real browser against identity + ledger + ai behind the router:
// a month's insights, the recurring charges, the forecast and a monthly report written.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { waitFor } from '@saldo/kit/testing';
import { useStack } from '@saldo/router/test/harness';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const DIST = join(__dirname, '..', 'dist', 'index.html');
const SCREENSHOTS = join(__dirname, '..', 'docs', 'screenshots');
const WAIT = { timeout: 30_000 };

const stack = useStack({ subgraphs: ['identity', 'ledger', 'ai'] });
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(DIST))
    throw new Error(`${DIST} is missing: run pnpm --filter @saldo/dashboard build`);
  if (!existsSync(CHROMIUM))
    throw new Error(`no chromium at ${CHROMIUM}: apt-get install -y chromium`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});

afterAll(async () => {
  await browser?.close();
});

const origin = () => stack().router.url.replace(/\/graphql$/, '');
const plain = (text: string | null) => (text ?? '').replace(/\s/g, ' ');

/** `YYYY-MM` n months before the month of `date`, and a day in it. */
function monthBack(date: Date, n: number): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - n, 1));
  return d.toISOString().slice(0, 7);
}

test('insights, recurring charges, forecast and a monthly report', async () => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));

  await page.goto(`${origin()}/`);
  await page.getByRole('button', { name: 'Não tenho conta' }).click();
  await page.getByLabel('Nome', { exact: true }).fill('Bia');
  await page.getByLabel('E-mail').fill(`insights.${Date.now()}@example.com`);
  await page.getByLabel('Senha').fill('correct horse battery 9');
  await page.getByRole('button', { name: 'Criar conta' }).click();
  await page.getByRole('heading', { name: /Visão geral/ }).waitFor(WAIT);

  const tokens = await page.evaluate(() => window.localStorage.getItem('saldo.tokens'));
  const { accessToken } = JSON.parse(tokens ?? '{}') as { accessToken: string };
  const api = stack().client.withToken(accessToken);
  const { createAccount } = await api.ok<{ createAccount: { id: string } }>(
    'mutation { createAccount(input: { name: "Itaú", type: CHECKING, currency: "BRL", initialBalance: "3000.00" }) { id } }',
  );
  const now = new Date();
  const last = monthBack(now, 1);
  const book = (description: string, date: string, amount: string) =>
    api.ok('mutation($input: CreateEntryInput!) { createEntry(input: $input) { id } }', {
      input: { kind: 'EXPENSE', accountId: createAccount.id, amount, description, date },
    });
  for (const back of [3, 2, 1]) {
    await book('NETFLIX.COM', `${monthBack(now, back)}-15`, back === 1 ? '44.90' : '39.90');
  }
  await book('UBER *TRIP', `${last}-10`, '23.50');
  await book('UBER *TRIP', `${last}-11`, '23.50');
  // ai learns from the ledger's events: wait until it has seen them all.
  await waitFor(
    async () => {
      const { insights } = await api.ok<{ insights: unknown[] }>(
        'query($m: String!) { insights(month: $m) { id } }',
        { m: last },
      );
      return insights.length === 2;
    },
    { timeoutMs: 30_000, what: 'ai to see the entries' },
  );

  await page.getByRole('link', { name: 'Insights' }).click();
  await page.getByRole('heading', { name: 'Insights', level: 2 }).waitFor(WAIT);
  await page.getByLabel('Mês', { exact: true }).fill(last);
  await page.getByText('Possível cobrança duplicada').waitFor(WAIT);
  await page.getByText('Assinatura mais cara').waitFor(WAIT);
  expect(plain(await page.locator('.insight-list').textContent())).toContain(
    'NETFLIX.COM passou de R$ 39,90 para R$ 44,90',
  );
  expect(plain(await page.locator('.recurring-list').textContent())).toContain('NETFLIX.COM');
  expect(plain(await page.getByTestId('forecast-now').textContent())).toBe('R$ 2.828,30');

  await page.getByRole('button', { name: 'Gerar relatório' }).click();
  await page.getByTestId('report-text').waitFor(WAIT);
  expect(plain(await page.getByTestId('report-text').textContent())).toContain('R$ 91,90');
  await page.screenshot({ path: join(SCREENSHOTS, 'insights.png'), fullPage: true });

  expect(pageErrors).toEqual([]);
  await context.close();
});
