// The budgets screen (#/budgets) in a real browser (Debian's chromium through
// playwright-core) against identity + ledger.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
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

describe('budgets in chromium', () => {
  test('create a budget, see its progress, change its limit until it is exceeded', async () => {
    const ana = await registerUser(stack().client, 'budgets');
    const { createAccount } = await ana.client.ok<{ createAccount: { id: string } }>(
      'mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }',
      { input: { name: 'Nubank', type: 'CHECKING', currency: 'BRL', initialBalance: '1000.00' } },
    );
    const { categories } = await ana.client.ok<{ categories: { id: string; name: string }[] }>(
      '{ categories(kind: EXPENSE) { id name } }',
    );
    const category = categories[0];
    if (!category) throw new Error('no default expense category');
    // Today (the user's zone), so the expense is in the month the screen opens on.
    await ana.client.ok(
      'mutation($input: CreateEntryInput!) { createEntry(input: $input) { id } }',
      {
        input: {
          kind: 'EXPENSE',
          accountId: createAccount.id,
          amount: '150.00',
          description: 'Compra',
          categoryId: category.id,
        },
      },
    );

    const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
    const page = await context.newPage();
    const pageErrors: Error[] = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto(`${origin()}/#/budgets`);
    await page.getByLabel('E-mail').fill(ana.email);
    await page.getByLabel('Senha').fill('correct horse battery 9');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('heading', { name: 'Orçamentos' }).waitFor(WAIT);
    await page.getByText('Nenhum orçamento neste mês.').waitFor(WAIT);

    const form = page.getByRole('form', { name: 'Novo orçamento' });
    await form.getByLabel('Categoria').selectOption({ label: category.name });
    await form.getByLabel('Limite').fill('600,00');
    await form.getByRole('button', { name: 'Criar' }).click();
    const item = page.locator(`.budgets-items li[data-budget="${category.name}"]`);
    await item.waitFor(WAIT);
    expect(plain(await item.textContent())).toContain('R$ 150,00 de R$ 600,00');
    expect(await item.getByTestId('budget-percent').textContent()).toBe('25%');
    expect(await item.locator('progress').getAttribute('value')).toBe('25');
    expect(plain(await item.textContent())).toContain('restam R$ 450,00');
    await page.screenshot({ path: join(SCREENSHOTS, 'budgets.png'), fullPage: true });

    // Edit: a limit below what was spent makes it exceeded.
    await item.getByRole('button', { name: `Alterar limite: ${category.name}` }).click();
    const edit = page.getByRole('form', { name: `Alterar limite: ${category.name}` });
    await edit.getByLabel('Limite').fill('100,00');
    await edit.getByRole('button', { name: 'Salvar' }).click();
    await page.waitForFunction(
      (name) =>
        document.querySelector(`.budgets-items li[data-budget="${name}"]`)?.className ===
        'exceeded',
      category.name,
      WAIT,
    );
    expect(plain(await item.textContent())).toContain('R$ 150,00 de R$ 100,00');
    expect(plain(await item.textContent())).toContain('estourado em R$ 50,00');
    expect(await item.getByTestId('budget-percent').textContent()).toBe('100%');
    const month = await page.getByLabel('Mês', { exact: true }).inputValue();
    const { budgets } = await ana.client.ok<{ budgets: { limit: { amount: string } }[] }>(
      'query($m: String!) { budgets(month: $m) { limit { amount } } }',
      { m: month },
    );
    expect(budgets.map((b) => b.limit.amount)).toEqual(['100.00']);

    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
