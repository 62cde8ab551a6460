// The API keys screen (#/api-keys) in a real browser (Debian's chromium through
// playwright-core) against identity + ledger: create (secret shown once), use, revoke.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { registerUser, useStack } from '@saldo/router/test/harness';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const DIST = join(__dirname, '..', 'dist', 'index.html');
const SCREENSHOTS = join(__dirname, '..', 'docs', 'screenshots');
const WAIT = { timeout: 30_000 };

// No verification cache: a revoked key is refused on the next request.
const stack = useStack({
  subgraphs: ['identity', 'ledger'],
  router: { API_KEY_CACHE_SECONDS: '0' },
});
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
const keyWorks = async (secret: string) => {
  const response = await fetch(stack().router.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `ApiKey ${secret}` },
    body: JSON.stringify({ query: '{ accounts { id } }' }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
  return body.errors === undefined && body.data !== undefined;
};

describe('API keys in chromium', () => {
  test('create a key (secret shown once), it authenticates, revoke it, it stops', async () => {
    const ana = await registerUser(stack().client, 'keys');
    const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
    const page = await context.newPage();
    const pageErrors: Error[] = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto(`${origin()}/#/api-keys`);
    await page.getByLabel('E-mail').fill(ana.email);
    await page.getByLabel('Senha').fill('correct horse battery 9');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('heading', { name: 'Chaves de API' }).waitFor(WAIT);
    await page.getByText('Nenhuma chave ainda.').waitFor(WAIT);

    const form = page.getByRole('form', { name: 'Nova chave' });
    await form.getByLabel('Para que serve').fill('ERP sync');
    await form.getByRole('button', { name: 'Criar chave' }).click();
    await page.getByText('Escolha ao menos uma permissão.').waitFor(WAIT);
    await form.getByLabel('ledger:read').check();
    await form.getByRole('button', { name: 'Criar chave' }).click();
    const secret = (await page.getByTestId('api-key-secret').textContent(WAIT)) ?? '';
    expect(secret).toMatch(/^saldo_/);
    const item = page.locator('li[data-api-key="ERP sync"]');
    expect(await item.textContent()).toContain('ledger:read');
    expect(await item.textContent()).not.toContain(secret);
    expect(await keyWorks(secret)).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'api-keys.png'), fullPage: true });

    // After a reload the secret is gone: only its prefix is listed.
    await page.reload();
    await item.waitFor(WAIT);
    expect(await page.getByTestId('api-key-secret').count()).toBe(0);
    await item.getByRole('button', { name: 'Revogar: ERP sync' }).click();
    await item.getByText('Revogada').waitFor(WAIT);
    expect(await keyWorks(secret)).toBe(false);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
