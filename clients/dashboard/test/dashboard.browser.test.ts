// The dashboard in a real browser (Debian's chromium through playwright-core; nothing is
// downloaded) against a real stack: identity + ledger behind the router, which serves the
// built dashboard at `/` (the test script runs `vite build` first).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { waitFor } from '@saldo/kit/testing';
import { useStack, waitForSubscriptions } from '@saldo/router/test/harness';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const DIST = join(__dirname, '..', 'dist', 'index.html');
const SCREENSHOTS = join(__dirname, '..', 'docs', 'screenshots');
const WAIT = { timeout: 30_000 };

const stack = useStack({ subgraphs: ['identity', 'ledger'] });
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
/** Intl puts a no-break space after "R$"; compare text with plain spaces. */
const plain = (text: string | null) => (text ?? '').replace(/\s/g, ' ');

async function balanceOf(page: Page, account: string): Promise<string> {
  const row = page.locator('.accounts li').filter({ hasText: account });
  return plain(await row.getByTestId('balance').textContent());
}

async function waitForBalance(page: Page, account: string, expected: string): Promise<void> {
  await page.waitForFunction(
    ([name, want]) =>
      [...document.querySelectorAll('.accounts li')].some(
        (li) =>
          li.querySelector('.account-name')?.textContent === name &&
          li.querySelector('[data-testid=balance]')?.textContent?.replace(/\s/g, ' ') === want,
      ),
    [account, expected] as const,
    WAIT,
  );
}

describe('dashboard in chromium', () => {
  test('the router serves the dashboard at / with SPA fallback and leaves the API alone', async () => {
    const root = await fetch(`${origin()}/`);
    expect(root.status).toBe(200);
    expect(root.headers.get('content-type')).toContain('text/html');
    const html = await root.text();
    expect(html).toContain('<div id="root">');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${origin()}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
    // An app route falls back to index.html; API paths and missing assets do not.
    expect(await (await fetch(`${origin()}/entries`)).text()).toBe(html);
    expect((await fetch(`${origin()}/graphql/nope`)).status).toBe(404);
    expect((await fetch(`${origin()}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${origin()}/health`)).status).toBe(200);
    const graphql = await fetch(`${origin()}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await graphql.json()).toEqual({ data: { __typename: 'Query' } });
  });

  test('register, create an account, add an expense, see balances change live', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
    const page = await context.newPage();
    const pageErrors: Error[] = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    const router = stack().router;

    await page.goto(`${origin()}/`);
    // pt-BR by default.
    await page.getByRole('heading', { name: 'Entrar' }).waitFor(WAIT);
    await page.screenshot({ path: join(SCREENSHOTS, 'sign-in.png') });
    await page.getByRole('button', { name: 'Não tenho conta' }).click();
    const email = `browser.${Date.now()}@example.com`;
    await page.getByLabel('Nome', { exact: true }).fill('Ana');
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Senha').fill('correct horse battery 9');
    await page.getByRole('button', { name: 'Criar conta' }).click();
    await page.getByRole('heading', { name: /Visão geral/ }).waitFor(WAIT);
    await page.getByText('Nenhuma conta ainda').waitFor(WAIT);

    // The page's balanceChanged subscription is on the router before anything changes.
    await waitForSubscriptions(router, 1);

    const newAccount = page.getByRole('form', { name: 'Nova conta' });
    await newAccount.getByLabel('Nome da conta').fill('Nubank');
    await newAccount.getByLabel('Saldo inicial').fill('1.234,56');
    await newAccount.getByRole('button', { name: 'Criar' }).click();
    await waitForBalance(page, 'Nubank', 'R$ 1.234,56');

    // A marker that a reload would wipe: every later change must arrive without one.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));

    const newEntry = page.getByRole('form', { name: 'Novo lançamento' });
    await newEntry.getByLabel('Valor').fill('45,90');
    await newEntry.getByLabel('Descrição').fill('Mercado');
    await newEntry.getByRole('button', { name: 'Adicionar' }).click();
    // The balance comes from the subscription (createEntry answers the entry only).
    await waitForBalance(page, 'Nubank', 'R$ 1.188,66');
    await page.getByRole('cell', { name: 'Mercado' }).waitFor(WAIT);
    expect(
      plain(await page.getByRole('row').filter({ hasText: 'Mercado' }).textContent()),
    ).toContain('-R$ 45,90');

    // A second change made elsewhere (the API, same user) shows up in the page by itself.
    const tokens = await page.evaluate(() => window.localStorage.getItem('saldo.tokens'));
    const { accessToken } = JSON.parse(tokens ?? '{}') as { accessToken: string };
    const api = stack().client.withToken(accessToken);
    const { accounts } = await api.ok<{ accounts: { id: string; name: string }[] }>(
      '{ accounts { id name } }',
    );
    const started = performance.now();
    await api.ok('mutation($input: CreateEntryInput!) { createEntry(input: $input) { id } }', {
      input: {
        kind: 'INCOME',
        accountId: accounts[0]?.id,
        amount: '1000.00',
        description: 'Salário',
      },
    });
    const booked = performance.now();
    await waitForBalance(page, 'Nubank', 'R$ 2.188,66');
    const visible = performance.now();
    await page.getByRole('cell', { name: 'Salário' }).waitFor(WAIT);
    // eslint-disable-next-line no-console -- the measured figures for the issue's closing note
    console.log(
      `live update: mutation ${Math.round(booked - started)} ms, answer-to-visible ${Math.round(visible - booked)} ms`,
    );
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    expect(plain(await page.locator('.net-worth').textContent())).toContain('R$ 2.188,66');
    await page.screenshot({ path: join(SCREENSHOTS, 'overview.png'), fullPage: true });

    // English on request, same money through Intl.
    await page.getByRole('button', { name: 'Idioma' }).click();
    await page.getByRole('heading', { name: /Overview/ }).waitFor(WAIT);
    expect(await balanceOf(page, 'Nubank')).toBe('R$2,188.66');

    // Signed in across a reload (tokens in localStorage); time to a usable overview.
    const reloadStarted = performance.now();
    await page.reload();
    await waitForBalance(page, 'Nubank', 'R$2,188.66');
    // eslint-disable-next-line no-console -- the measured figures for the issue's closing note
    console.log(
      `overview usable after reload: ${Math.round(performance.now() - reloadStarted)} ms`,
    );

    // Phone width.
    await page.setViewportSize({ width: 375, height: 740 });
    await page.screenshot({ path: join(SCREENSHOTS, 'overview-phone.png'), fullPage: true });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);

    // Sign out, then sign in again with the same credentials.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor(WAIT);
    expect(await page.evaluate(() => window.localStorage.getItem('saldo.tokens'))).toBeNull();
    // Signed out, the page follows nothing any more.
    await waitFor(() => router.live.subscriptions === 0, {
      what: 'no live subscriptions',
      timeoutMs: 30_000,
    });
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('correct horse battery 9');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitForBalance(page, 'Nubank', 'R$2,188.66');
    await waitForSubscriptions(router, 1);

    // Idempotent submit: the first createEntry is booked but its answer is lost on the way
    // back; submitting the same draft again answers the first booking instead of a second.
    let dropped = 0;
    await page.route('**/graphql', async (route) => {
      if (dropped === 0 && route.request().postData()?.includes('DashCreateEntry')) {
        dropped += 1;
        await route.fetch(); // reaches the router: the entry is booked
        await route.abort('failed');
      } else await route.continue();
    });
    const entryForm = page.getByRole('form', { name: 'New entry' });
    await entryForm.getByLabel('Amount').fill('10.00');
    await entryForm.getByLabel('Description').fill('Twice');
    await entryForm.getByRole('button', { name: 'Add' }).click();
    await entryForm.getByRole('alert').waitFor(WAIT);
    expect(dropped).toBe(1);
    await entryForm.getByRole('button', { name: 'Add' }).click();
    await page.getByRole('cell', { name: 'Twice' }).waitFor(WAIT);
    await waitForBalance(page, 'Nubank', 'R$2,178.66');
    const twice = await api.ok<{ entries: { edges: unknown[] } }>(
      '{ entries(first: 50, filter: { search: "Twice" }) { edges { cursor } } }',
    );
    expect(twice.entries.edges).toHaveLength(1);
    expect(await page.getByRole('cell', { name: 'Twice' }).count()).toBe(1);

    expect(pageErrors).toEqual([]);
    await context.close();
  });

  test('a wrong password is refused with a message, not a crash', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${origin()}/`);
    await page.getByLabel('E-mail').fill('nobody@example.com');
    await page.getByLabel('Senha').fill('wrong password 123');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('alert').waitFor(WAIT);
    expect(await page.getByRole('heading', { name: 'Entrar' }).isVisible()).toBe(true);
    await context.close();
  });
});
