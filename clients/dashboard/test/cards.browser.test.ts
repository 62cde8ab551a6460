// The cards screen (#/cards) in a real browser (Debian's chromium through playwright-core)
// against identity + ledger + cards: create a card, buy in 3x, see three invoices, the
// totals follow a purchase made elsewhere live, pay an invoice.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { registerUser, useStack } from '@saldo/router/test/harness';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const DIST = join(__dirname, '..', 'dist', 'index.html');
const SCREENSHOTS = join(__dirname, '..', 'docs', 'screenshots');
const WAIT = { timeout: 30_000 };

const stack = useStack({ subgraphs: ['identity', 'ledger', 'cards'] });
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

describe('cards in chromium', () => {
  test('a purchase in 3x shows on three invoices; totals update live; an invoice is paid', async () => {
    const ana = await registerUser(stack().client, 'cards');
    const bob = await registerUser(stack().client, 'cards-bob');
    await ana.client.ok(
      'mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }',
      { input: { name: 'Conta', type: 'CHECKING', currency: 'BRL', initialBalance: '1000.00' } },
    );
    // Bob's card must never show on Ana's screen.
    await bob.client.ok(
      `mutation { createCard(input: { name: "Cartão do Bob", currency: "BRL", limit: "500.00",
        closingDay: 10, dueDay: 20 }) { id } }`,
    );

    const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
    const page = await context.newPage();
    const pageErrors: Error[] = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto(`${origin()}/#/cards`);
    await page.getByLabel('E-mail').fill(ana.email);
    await page.getByLabel('Senha').fill('correct horse battery 9');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('heading', { name: 'Cartões' }).waitFor(WAIT);
    await page.locator('.cards-screen p').first().waitFor(WAIT);
    expect(await page.locator('.cards-screen p').first().textContent()).toContain(
      'Nenhum cartão ainda.',
    );

    const newCard = page.getByRole('form', { name: 'Novo cartão' });
    await newCard.getByLabel('Nome').fill('Nubank');
    await newCard.getByLabel('Bandeira').selectOption('MASTERCARD');
    await newCard.getByLabel('Últimos 4 dígitos').fill('1234');
    await newCard.getByLabel('Limite').fill('1.000,00');
    await newCard.getByLabel('Dia de fechamento').fill('10');
    await newCard.getByLabel('Dia de vencimento').fill('20');
    await newCard.getByLabel('Conta de pagamento').selectOption({ label: 'Conta' });
    await newCard.getByRole('button', { name: 'Criar cartão' }).click();
    const card = page.locator('section[data-card="Nubank"]');
    await card.waitFor(WAIT);
    expect(plain(await card.getByTestId('card-available').textContent())).toBe('R$ 1.000,00');

    const purchase = card.getByRole('form', { name: 'Nova compra' });
    await purchase.getByLabel('Descrição').fill('Geladeira');
    await purchase.getByLabel('Valor total').fill('100,00');
    await purchase.getByLabel('Parcelas').fill('3');
    await purchase.getByRole('button', { name: 'Lançar compra' }).click();
    const invoices = card.locator('section.invoice');
    await page.waitForFunction(
      () => document.querySelectorAll('section[data-card="Nubank"] section.invoice').length === 3,
      undefined,
      WAIT,
    );
    const texts = (await invoices.allTextContents()).map(plain);
    expect(texts[0]).toContain('Geladeira 1/3');
    expect(texts[0]).toContain('R$ 33,34');
    expect(texts[1]).toContain('Geladeira 2/3');
    expect(texts[1]).toContain('R$ 33,33');
    expect(texts[2]).toContain('Geladeira 3/3');
    const months = await invoices.evaluateAll((els) =>
      els.map((e) => e.getAttribute('data-invoice')),
    );
    expect(new Set(months).size).toBe(3);
    expect(plain(await card.getByTestId('card-available').textContent())).toBe('R$ 900,00');
    expect(plain(await card.getByTestId('card-used').textContent())).toBe('R$ 100,00');
    expect(await page.getByText('Cartão do Bob').count()).toBe(0);

    // A purchase made elsewhere (the API) moves the first invoice's total without reload.
    const { cardConnection } = await ana.client.ok<{
      cardConnection: { edges: { node: { id: string } }[] };
    }>('{ cardConnection { edges { node { id } } } }');
    const cardId = cardConnection.edges[0]?.node.id;
    const first = invoices.first();
    const firstMonth = await first.getAttribute('data-invoice');
    await ana.client.ok(
      'mutation($input: CreatePurchaseInput!) { createPurchase(input: $input) { id } }',
      {
        input: {
          cardId,
          description: 'Padaria',
          totalAmount: '10.00',
          purchaseDate: await purchase.getByLabel('Data').inputValue(),
        },
      },
    );
    await page.waitForFunction(
      (month) =>
        document
          .querySelector(`section.invoice[data-invoice="${month}"] [data-testid="invoice-total"]`)
          ?.textContent?.replace(/\s/g, ' ') === 'R$ 43,34',
      firstMonth,
      WAIT,
    );
    expect(plain(await first.textContent())).toContain('Padaria');
    await page.screenshot({ path: join(SCREENSHOTS, 'cards.png'), fullPage: true });

    // Pay the first invoice from checking: pending, then paid once the ledger confirms it.
    await first.getByRole('button', { name: /^Pagar fatura/ }).click();
    const pay = first.getByRole('form', { name: /^Pagar fatura/ });
    expect(await pay.getByLabel('Valor').inputValue()).toBe('43,34');
    await pay.getByRole('button', { name: 'Pagar', exact: true }).click();
    await page.waitForFunction(
      (month) =>
        document
          .querySelector(
            `section.invoice[data-invoice="${month}"] [data-testid="invoice-remaining"]`,
          )
          ?.textContent?.replace(/\s/g, ' ') === 'R$ 0,00',
      firstMonth,
      WAIT,
    );
    // Paid in full (an open invoice stays OPEN until its closing day): nothing left to pay.
    expect(plain(await first.textContent())).toContain('PagoR$ 43,34');
    expect(await first.getByRole('button', { name: /^Pagar fatura/ }).count()).toBe(0);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SCREENSHOTS, 'cards-phone.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
