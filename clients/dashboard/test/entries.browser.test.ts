// The entries screen (#/entries) in a real browser (Debian's chromium through
// playwright-core) against a real stack: identity + ledger + ai behind the router, which
// serves the built dashboard (run `vite build` first).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { registerUser, useStack } from '@saldo/router/test/harness';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const DIST = join(__dirname, '..', 'dist', 'index.html');
const SCREENSHOTS = join(__dirname, '..', 'docs', 'screenshots');
const WAIT = { timeout: 30_000 };
/** The screen's page size (src/screens/Entries.tsx); the seed is bigger than one page. */
const PAGE_SIZE = 25;
const SEEDED = PAGE_SIZE + 7;
/** The editor's source account (a label's name carries the chosen option too). */
const SOURCE = /^Conta(?! de destino)/;

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

async function waitForBalance(page: Page, account: string, expected: string): Promise<void> {
  await page.waitForFunction(
    ([name, want]) =>
      [...document.querySelectorAll('.entries-balances li')].some(
        (li) =>
          li.querySelector('.account-name')?.textContent === name &&
          li.querySelector('[data-testid=balance]')?.textContent?.replace(/\s/g, ' ') === want,
      ),
    [account, expected] as const,
    WAIT,
  );
}

async function waitForCount(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (want) => document.querySelector('[data-testid=entries-count]')?.textContent === String(want),
    count,
    WAIT,
  );
}

const row = (page: Page, text: string) => page.locator('.entry-row').filter({ hasText: text });

describe('entries screen in chromium', () => {
  test('add, edit, transfer, search, page and delete entries; balances follow', async () => {
    const ana = await registerUser(stack().client, 'entries');
    const account = async (name: string, initialBalance: string) =>
      (
        await ana.client.ok<{ createAccount: { id: string } }>(
          'mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }',
          { input: { name, type: 'CHECKING', currency: 'BRL', initialBalance } },
        )
      ).createAccount.id;
    await account('Nubank', '1000.00');
    await account('Itaú', '500.00');
    const reserve = await account('Reserva', '0');
    // More than one page, seeded straight through the API, in the past (below the new ones).
    await ana.client.ok(
      'mutation($inputs: [CreateEntryInput!]!) { createEntries(inputs: $inputs) { id } }',
      {
        inputs: Array.from({ length: SEEDED }, (_, i) => ({
          kind: 'INCOME',
          accountId: reserve,
          amount: '1.00',
          description: `Semente ${i + 1}`,
          date: `2026-01-${String((i % 28) + 1).padStart(2, '0')}`,
        })),
      },
    );

    const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
    const page = await context.newPage();
    const pageErrors: Error[] = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto(`${origin()}/#/entries`);
    await page.getByLabel('E-mail').fill(ana.email);
    await page.getByLabel('Senha').fill('correct horse battery 9');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('heading', { name: 'Lançamentos', level: 2 }).waitFor(WAIT);
    await waitForBalance(page, 'Reserva', `R$ ${SEEDED},00`);

    // Paging: the first page, then the rest as the end of the list scrolls into view.
    await waitForCount(page, PAGE_SIZE);
    await page.getByRole('button', { name: 'Carregar mais' }).scrollIntoViewIfNeeded();
    await waitForCount(page, SEEDED);
    expect(await page.locator('.entry-row').count()).toBe(SEEDED);
    expect(await page.getByRole('button', { name: 'Carregar mais' }).count()).toBe(0);

    // Add an expense: in the list and in the balance.
    const editor = page.getByRole('form', { name: 'Novo lançamento' });
    await editor.getByLabel(SOURCE).selectOption({ label: 'Nubank' });
    await editor.getByLabel('Valor').fill('45,90');
    await editor.getByLabel('Descrição').fill('Mercado Pão');
    await editor.getByRole('button', { name: 'Adicionar' }).click();
    await row(page, 'Mercado Pão').waitFor(WAIT);
    expect(plain(await row(page, 'Mercado Pão').textContent())).toContain('-R$ 45,90');
    await waitForBalance(page, 'Nubank', 'R$ 954,10');

    // Edit it: new amount, same entry, balance recomputed.
    await page.getByRole('button', { name: 'Editar: Mercado Pão' }).click();
    const edit = page.getByRole('form', { name: 'Editar lançamento' });
    expect(await edit.getByLabel('Valor').inputValue()).toBe('45,90');
    await edit.getByLabel('Valor').fill('50,00');
    await edit.getByLabel('Descrição').fill('Mercado Pão de Açúcar');
    await edit.getByRole('button', { name: 'Salvar' }).click();
    await waitForBalance(page, 'Nubank', 'R$ 950,00');
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('.entry-row')].some(
          (li) =>
            li.textContent?.includes('Mercado Pão de Açúcar') &&
            li.textContent.replace(/\s/g, ' ').includes('-R$ 50,00'),
        ),
      undefined,
      WAIT,
    );
    expect(await row(page, 'Mercado Pão').count()).toBe(1);

    // A transfer moves money between two accounts: both balances change.
    await editor.getByLabel('Tipo').selectOption({ label: 'Transferência' });
    await editor.getByLabel(SOURCE).selectOption({ label: 'Nubank' });
    await editor.getByLabel('Conta de destino').selectOption({ label: 'Itaú' });
    await editor.getByLabel('Valor').fill('200,00');
    await editor.getByLabel('Descrição').fill('Guardar no Itaú');
    await editor.getByRole('button', { name: 'Adicionar' }).click();
    await waitForBalance(page, 'Nubank', 'R$ 750,00');
    await waitForBalance(page, 'Itaú', 'R$ 700,00');
    expect(plain(await row(page, 'Guardar no Itaú').textContent())).toContain('Nubank → Itaú');

    // Search by description.
    const filter = page.getByRole('form', { name: 'Filtrar lançamentos' });
    await filter.getByLabel('Buscar na descrição').fill('açúcar');
    await filter.getByRole('button', { name: 'Aplicar' }).click();
    await waitForCount(page, 1);
    expect(plain(await page.locator('.entry-row').textContent())).toContain(
      'Mercado Pão de Açúcar',
    );
    // Filter by kind: the transfer only.
    await filter.getByRole('button', { name: 'Limpar' }).click();
    await filter.getByLabel('Tipo').selectOption({ label: 'Transferência' });
    await filter.getByRole('button', { name: 'Aplicar' }).click();
    await waitForCount(page, 1);
    expect(plain(await page.locator('.entry-row').textContent())).toContain('Guardar no Itaú');
    // Filter by account and date range: the seeds of 2026-01-01..05 on Reserva.
    await filter.getByRole('button', { name: 'Limpar' }).click();
    await filter.getByLabel(/^Conta/).selectOption({ label: 'Reserva' });
    await filter.getByLabel(/^De$/).fill('2026-01-01');
    await filter.getByLabel(/^Até$/).fill('2026-01-05');
    await filter.getByRole('button', { name: 'Aplicar' }).click();
    // Days 1..5 once each, plus days 1..4 again from seeds 29..32.
    await waitForCount(page, 5 + (SEEDED - 28));
    await filter.getByRole('button', { name: 'Limpar' }).click();
    await waitForCount(page, PAGE_SIZE);
    await page.screenshot({ path: join(SCREENSHOTS, 'entries.png'), fullPage: false });

    // Delete, after a confirmation: gone from the list, the balance back.
    await page.getByRole('button', { name: 'Excluir: Mercado Pão de Açúcar' }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByRole('button', { name: 'Cancelar' }).click();
    expect(await row(page, 'Mercado Pão').count()).toBe(1);
    await page.getByRole('button', { name: 'Excluir: Mercado Pão de Açúcar' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Sim, excluir' }).click();
    await waitForBalance(page, 'Nubank', 'R$ 800,00');
    expect(await row(page, 'Mercado Pão').count()).toBe(0);

    // Idempotent submit: the first createEntry is booked but its answer is lost; the same
    // draft submitted again answers the first booking instead of a second one.
    let dropped = 0;
    await page.route('**/graphql', async (route) => {
      if (dropped === 0 && route.request().postData()?.includes('EntriesCreate')) {
        dropped += 1;
        await route.fetch();
        await route.abort('failed');
      } else await route.continue();
    });
    await editor.getByLabel('Tipo').selectOption({ label: 'Despesa' });
    await editor.getByLabel(SOURCE).selectOption({ label: 'Nubank' });
    await editor.getByLabel('Valor').fill('10,00');
    await editor.getByLabel('Descrição').fill('Duas vezes');
    await editor.getByRole('button', { name: 'Adicionar' }).click();
    await editor.getByRole('alert').waitFor(WAIT);
    expect(dropped).toBe(1);
    await editor.getByRole('button', { name: 'Adicionar' }).click();
    await row(page, 'Duas vezes').waitFor(WAIT);
    await waitForBalance(page, 'Nubank', 'R$ 790,00');
    const twice = await ana.client.ok<{ entries: { edges: unknown[] } }>(
      '{ entries(first: 50, filter: { search: "Duas vezes" }) { edges { cursor } } }',
    );
    expect(twice.entries.edges).toHaveLength(1);

    // The category picker shows the ai subgraph's suggestion for a known merchant (cold
    // start from the ledger's default categories); using it picks that category.
    await page.unroute('**/graphql');
    await editor.getByLabel('Descrição').fill('IFOOD *RESTAURANTE');
    await editor.getByLabel('Valor').fill('42,00');
    const suggestion = editor.getByTestId('category-suggestion');
    await suggestion.waitFor(WAIT);
    const suggested = plain(await suggestion.locator('strong').textContent());
    await suggestion.getByRole('button', { name: 'Usar sugestão' }).click();
    const picker = editor.getByLabel(/^Categoria/);
    expect(await picker.locator('option:checked').textContent()).toBe(suggested);
    await editor.getByRole('button', { name: 'Adicionar' }).click();
    await row(page, 'IFOOD *RESTAURANTE').waitFor(WAIT);
    expect(plain(await row(page, 'IFOOD *RESTAURANTE').textContent())).toContain(suggested);

    // Phone width: one column, nothing sideways.
    await page.setViewportSize({ width: 375, height: 740 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);

    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
