// The notifications bell in a real browser (Debian's chromium through playwright-core)
// against identity + notifications: the unread count rises live, mark one and all read.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { registerUser, useStack, waitForSubscriptions } from '@saldo/router/test/harness';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const DIST = join(__dirname, '..', 'dist', 'index.html');
const SCREENSHOTS = join(__dirname, '..', 'docs', 'screenshots');
const WAIT = { timeout: 30_000 };

const stack = useStack({ subgraphs: ['identity', 'ledger', 'notifications'] });
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

describe('notifications bell in chromium', () => {
  test('a test notification raises the unread count without reload; mark one, then all, read', async () => {
    const ana = await registerUser(stack().client, 'bell');
    const bob = await registerUser(stack().client, 'bell-bob');
    const context = await browser.newContext({ viewport: { width: 1024, height: 700 } });
    const page = await context.newPage();
    const pageErrors: Error[] = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto(`${origin()}/`);
    await page.getByLabel('E-mail').fill(ana.email);
    await page.getByLabel('Senha').fill('correct horse battery 9');
    await page.getByRole('button', { name: 'Entrar' }).click();
    const count = page.getByTestId('unread-count');
    await count.waitFor(WAIT);
    const unread = async () => {
      const { unreadNotificationCount } = await ana.client.ok<{ unreadNotificationCount: number }>(
        '{ unreadNotificationCount }',
      );
      return unreadNotificationCount;
    };
    const before = await unread();
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="unread-count"]')?.textContent === String(n),
      before,
      WAIT,
    );

    // The page's live subscriptions (the overview's balances and the bell) are in place.
    await waitForSubscriptions(stack().router, 2);
    await bob.client.ok('mutation { sendTestNotification(channel: IN_APP) { id } }');
    await ana.client.ok('mutation { sendTestNotification(channel: IN_APP) { id } }');
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="unread-count"]')?.textContent === String(n),
      before + 1,
      WAIT,
    );
    expect(await unread()).toBe(before + 1);
    // Bob's notification never reaches Ana's page.
    await page.getByRole('button', { name: /^Notificações:/ }).click();
    const panel = page.getByRole('region', { name: 'Notificações' });
    await panel.waitFor(WAIT);
    expect(await panel.locator('li').count()).toBe(before + 1);
    await page.screenshot({ path: join(SCREENSHOTS, 'notifications.png') });

    const first = panel.locator('li.unread').first();
    const title = (await first.locator('strong').textContent()) ?? '';
    await first.getByRole('button', { name: `Marcar como lida: ${title}` }).click();
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="unread-count"]')?.textContent === String(n),
      before,
      WAIT,
    );
    if (before > 0) {
      await panel.getByRole('button', { name: 'Marcar todas como lidas' }).click();
      await page.waitForFunction(
        () => document.querySelector('[data-testid="unread-count"]')?.textContent === '0',
        undefined,
        WAIT,
      );
    }
    expect(await unread()).toBe(0);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  test('preferences: a channel off, quiet hours, daily summary and low balance are saved', async () => {
    const ana = await registerUser(stack().client, 'prefs');
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${origin()}/#/notifications`);
    await page.getByLabel('E-mail').fill(ana.email);
    await page.getByLabel('Senha').fill('correct horse battery 9');
    await page.getByRole('button', { name: 'Entrar' }).click();
    const form = page.getByRole('form', { name: 'Preferências de notificação' });
    await form.waitFor(WAIT);
    await form.getByLabel('BUDGET_EXCEEDED: E-mail').uncheck();
    await form.getByLabel('Início').fill('22:00');
    await form.getByLabel('Fim').fill('07:00');
    await form.getByLabel('Resumo diário').check();
    await form.getByLabel('Avisar com saldo abaixo de').fill('150,00');
    await form.getByRole('button', { name: 'Salvar' }).click();
    await page.getByText('Preferências salvas.').waitFor(WAIT);
    const { notificationPreferences: p } = await ana.client.ok<{
      notificationPreferences: {
        channels: { type: string; email: boolean }[];
        quietHours: { start: string; end: string } | null;
        dailySummary: boolean;
        lowBalanceThreshold: string | null;
      };
    }>(
      '{ notificationPreferences { channels { type email } quietHours { start end } dailySummary lowBalanceThreshold } }',
    );
    expect(p.channels.find((c) => c.type === 'BUDGET_EXCEEDED')?.email).toBe(false);
    expect(p.quietHours).toEqual({ start: '22:00', end: '07:00' });
    expect(p.dailySummary).toBe(true);
    expect(p.lowBalanceThreshold).toBe('150.00');
    await page.screenshot({
      path: join(SCREENSHOTS, 'notification-preferences.png'),
      fullPage: true,
    });
    await context.close();
  });
});
