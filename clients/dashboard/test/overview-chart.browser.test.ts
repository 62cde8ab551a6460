// The overview's cash-flow chart, bills and budget progress in a real browser (Debian's
// chromium through playwright-core) against identity + ledger + consolidation.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { registerUser, useStack } from '@saldo/router/test/harness';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const DIST = join(__dirname, '..', 'dist', 'index.html');
const SCREENSHOTS = join(__dirname, '..', 'docs', 'screenshots');
const WAIT = { timeout: 30_000 };

const stack = useStack({ subgraphs: ['identity', 'ledger', 'consolidation'] });
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

/** A calendar date `days` from `date`, UTC arithmetic (no time zone shift). */
const shift = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('overview cash flow in chromium', () => {
  test('the chart shows the seeded days, bills and a budget with its progress', async () => {
    const ana = await registerUser(stack().client, 'chart');
    const today = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'America/Sao_Paulo',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date());
    const { createAccount } = await ana.client.ok<{ createAccount: { id: string } }>(
      'mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }',
      { input: { name: 'Nubank', type: 'CHECKING', currency: 'BRL', initialBalance: '0' } },
    );
    const { categories } = await ana.client.ok<{ categories: { id: string; name: string }[] }>(
      '{ categories(kind: EXPENSE) { id name } }',
    );
    const category = categories[0];
    if (!category) throw new Error('no default expense category');
    const day1 = today;
    const day2 = shift(today, -3);
    await ana.client.ok(
      'mutation($inputs: [CreateEntryInput!]!) { createEntries(inputs: $inputs) { id } }',
      {
        inputs: [
          {
            kind: 'INCOME',
            accountId: createAccount.id,
            amount: '3000.00',
            date: day2,
            description: 'Salário',
          },
          {
            kind: 'EXPENSE',
            accountId: createAccount.id,
            amount: '120.50',
            date: day2,
            description: 'Feira',
            categoryId: category.id,
          },
          {
            kind: 'EXPENSE',
            accountId: createAccount.id,
            amount: '79.50',
            date: day1,
            description: 'Farmácia',
            categoryId: category.id,
          },
          {
            kind: 'EXPENSE',
            accountId: createAccount.id,
            amount: '250.00',
            date: shift(today, 5),
            description: 'Conta de luz',
            status: 'PENDING',
          },
        ],
      },
    );
    await ana.client.ok(
      'mutation($c: ID!, $m: String!) { setBudget(categoryId: $c, month: $m, limit: "400.00") { id } }',
      { c: category.id, m: today.slice(0, 7) },
    );

    const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
    const page = await context.newPage();
    const pageErrors: Error[] = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto(`${origin()}/`);
    await page.getByLabel('E-mail').fill(ana.email);
    await page.getByLabel('Senha').fill('correct horse battery 9');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('heading', { name: /Visão geral/ }).waitFor(WAIT);

    // The chart (its own chunk) with one row per seeded day; consolidation catches up from
    // the ledger's events, so the page is reloaded until it has both days.
    const chart = page.getByTestId('cash-flow-chart');
    const rows = page.locator('.cash-flow-table tbody tr');
    for (let attempt = 0; ; attempt += 1) {
      await page.getByRole('heading', { name: 'Fluxo de caixa' }).waitFor(WAIT);
      const ready = await chart
        .waitFor({ timeout: 5_000 })
        .then(async () => (await rows.count()) === 2)
        .catch(() => false);
      if (ready) break;
      if (attempt > 10) throw new Error('the cash flow never showed both seeded days');
      await page.reload();
    }
    // Drawn by Recharts: bars for the seeded money (in on day 2; out on days 2 and 1).
    expect(await chart.locator('.recharts-bar-rectangle path').count()).toBeGreaterThanOrEqual(3);
    const older = plain(
      await page.locator(`.cash-flow-table tr[data-start="${day2}"]`).textContent(),
    );
    expect(older).toContain('R$ 3.000,00');
    expect(older).toContain('R$ 120,50');
    expect(older).toContain('R$ 2.879,50');
    const newer = plain(
      await page.locator(`.cash-flow-table tr[data-start="${day1}"]`).textContent(),
    );
    expect(newer).toContain('R$ 79,50');

    // Upcoming bills and budget progress.
    expect(plain(await page.locator('.upcoming').first().textContent())).toContain('Conta de luz');
    const budget = page.locator(`.budget-bars li[data-budget="${category.name}"]`);
    await budget.waitFor(WAIT);
    expect(plain(await budget.textContent())).toContain('R$ 200,00 de R$ 400,00');
    expect(await budget.locator('progress').getAttribute('value')).toBe('50');
    await page.locator('.overview-extras').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'overview-chart.png'), fullPage: true });

    // Per month: one row for this month (and last month's when the days straddle two).
    await page.getByLabel('Agrupar').selectOption('MONTH');
    await page.waitForFunction(
      () => document.querySelector('.cash-flow-table tbody tr th')?.textContent?.length === 7,
      undefined,
      WAIT,
    );
    const months = await rows.count();
    expect(months).toBe(day1.slice(0, 7) === day2.slice(0, 7) ? 1 : 2);

    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
