// The accounts & categories screen (#/accounts) and the budgets screen (#/budgets) in a
// real browser (Debian's chromium through playwright-core) against identity + ledger.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { registerUser, useStack } from '@saldo/router/test/harness';

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
const plain = (text: string | null) => (text ?? '').replace(/\s/g, ' ');

async function signIn(page: Page, email: string, hash: string) {
  await page.goto(`${origin()}/${hash}`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Senha').fill('correct horse battery 9');
  await page.getByRole('button', { name: 'Entrar' }).click();
}

describe('accounts and categories in chromium', () => {
  test('create, rename and archive an account; create a category', async () => {
    const ana = await registerUser(stack().client, 'accounts');
    const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
    const page = await context.newPage();
    const pageErrors: Error[] = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    await signIn(page, ana.email, '#/accounts');
    await page.getByRole('heading', { name: 'Contas e categorias' }).waitFor(WAIT);

    const create = page.getByRole('form', { name: 'Nova conta' });
    await create.getByLabel('Nome').fill('Carteira física');
    await create.getByLabel('Tipo').selectOption('CASH');
    await create.getByLabel('Saldo inicial').fill('1.234,56');
    await create.getByRole('button', { name: 'Criar' }).click();
    const item = page.locator('.accounts-items li[data-account="Carteira física"]');
    await item.waitFor(WAIT);
    expect(plain(await item.textContent())).toContain('R$ 1.234,56');
    expect(plain(await item.textContent())).toContain('Dinheiro');

    await page.getByRole('button', { name: 'Renomear: Carteira física' }).click();
    const rename = page.getByRole('form', { name: 'Renomear: Carteira física' });
    await rename.getByLabel('Novo nome').fill('Dinheiro vivo');
    await rename.getByRole('button', { name: 'Salvar' }).click();
    const renamed = page.locator('.accounts-items li[data-account="Dinheiro vivo"]');
    await renamed.waitFor(WAIT);

    await page.getByRole('button', { name: 'Arquivar: Dinheiro vivo' }).click();
    await page.waitForFunction(
      () =>
        document.querySelector('.accounts-items li[data-account="Dinheiro vivo"]')?.className ===
        'archived',
      undefined,
      WAIT,
    );
    const { accounts } = await ana.client.ok<{
      accounts: { name: string; archived: boolean }[];
    }>('{ accounts(includeArchived: true) { name archived } }');
    expect(accounts).toEqual([{ name: 'Dinheiro vivo', archived: true }]);

    // Categories: the defaults listed, a new one created inside a default.
    const expenses = page.getByRole('list', { name: 'Despesas' });
    expect(await expenses.getByRole('listitem').count()).toBeGreaterThan(0);
    const newCategory = page.getByRole('form', { name: 'Nova categoria' });
    await newCategory.getByLabel('Nome').fill('Padaria');
    await newCategory.getByLabel('Tipo').selectOption('EXPENSE');
    await newCategory.getByRole('button', { name: 'Criar' }).click();
    await expenses.getByText('Padaria').waitFor(WAIT);
    const { categories } = await ana.client.ok<{ categories: { name: string; kind: string }[] }>(
      '{ categories { name kind } }',
    );
    expect(categories).toContainEqual({ name: 'Padaria', kind: 'EXPENSE' });
    await page.screenshot({ path: join(SCREENSHOTS, 'accounts.png'), fullPage: true });

    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
