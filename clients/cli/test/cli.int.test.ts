import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createSaldoClient } from '@saldo/sdk';
import { waitFor } from '@saldo/kit/testing';
import { useStack, waitForSubscriptions } from '@saldo/router/test/harness';

// The built `saldo` spawned as a process against the real stack.

const MAIN = join(__dirname, '..', 'dist', 'main.js');
const PASSWORD = 'correct horse battery 9';

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('the saldo command', () => {
  const stack = useStack({ subgraphs: ['identity', 'ledger', 'consolidation', 'cards', 'ai'] });
  const home = mkdtempSync(join(tmpdir(), 'saldo-cli-'));
  const email = `cli.${Date.now()}@example.com`;
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  const env = (extra: Record<string, string> = {}) => ({
    PATH: process.env['PATH'] ?? '',
    XDG_CONFIG_HOME: home,
    SALDO_URL: stack().router.url,
    LANG: 'pt_BR.UTF-8',
    ...extra,
  });
  const start = (args: string[], extra: Record<string, string> = {}): ChildProcess =>
    spawn(process.execPath, [MAIN, ...args], {
      env: env(extra),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const saldo = (args: string[], extra: Record<string, string> = {}) =>
    new Promise<Ran>((resolve) => {
      const child = start(args, extra);
      let stdout = '';
      let stderr = '';
      child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });

  let accountId = '';
  beforeAll(async () => {
    const client = createSaldoClient({ url: stack().router.url });
    await client.auth.register({ email, password: PASSWORD, name: 'Ana' });
    accountId = (
      await client.accounts.create({ input: { name: 'Nubank', type: 'CHECKING', currency: 'BRL' } })
    ).id;
  });

  it('refuses commands before login with exit code 3 and one line', async () => {
    const ran = await saldo(['accounts']);
    expect(ran.code).toBe(3);
    expect(ran.stderr.trim().split('\n')).toEqual([
      'saldo: UNAUTHENTICATED: not signed in (run `saldo login`)',
    ]);
  });

  it('logs in with SALDO_PASSWORD and keeps the tokens in a 0600 file', async () => {
    const ran = await saldo(['login', '--email', email], { SALDO_PASSWORD: PASSWORD });
    expect(ran).toMatchObject({ code: 0 });
    expect(ran.stdout).toContain('Ana');
    const file = join(home, 'saldo', 'credentials.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const who = await saldo(['whoami', '--json']);
    expect(JSON.parse(who.stdout)).toMatchObject({ email, name: 'Ana' });
  });

  it('a wrong password fails with exit code 3', async () => {
    const ran = await saldo(['login', '--email', email, '--password', 'wrong password 1'], {
      XDG_CONFIG_HOME: join(home, 'other'),
    });
    expect(ran.code).toBe(3);
    expect(ran.stderr).toMatch(/^saldo: UNAUTHENTICATED: /);
  });

  it('adds "45,90 mercado ontem" and lists it with entries --json', async () => {
    const added = await saldo(['add', '45,90', 'mercado', 'ontem', '--json']);
    expect(added.code).toBe(0);
    const entry = JSON.parse(added.stdout) as { id: string; date: string };
    const yesterday = new Date(Date.now() - 86_400_000).toLocaleDateString('en-CA', {
      timeZone: 'America/Sao_Paulo',
    });
    expect(entry).toMatchObject({
      kind: 'EXPENSE',
      description: 'Mercado',
      amount: { amount: '45.90', currency: 'BRL' },
      date: yesterday,
    });
    const listed = await saldo(['entries', '--json', '--account', 'nubank']);
    expect((JSON.parse(listed.stdout) as { id: string }[]).map((e) => e.id)).toEqual([entry.id]);

    const human = await saldo(['accounts']);
    expect(human.stdout).toContain('-R$ 45,90');
    const english = await saldo(['balance'], { LANG: 'en_US.UTF-8' });
    expect(english.stdout).toContain('-R$45.90');
  });

  it('answers an unknown account with exit code 4 and bad input with 5', async () => {
    const unknown = await saldo(['entries', '--account', 'Itaú']);
    expect(unknown.code).toBe(4);
    expect(unknown.stderr.trim()).toBe('saldo: NOT_FOUND: no account "Itaú"');
    const tooPrecise = await saldo(['add', 'mercado'], {});
    expect(tooPrecise.code).toBe(1);
    expect(tooPrecise.stderr).toMatch(/no amount found/);
    const usage = await saldo(['cashflow', '--by', 'year']);
    expect(usage.code).toBe(2);
  });

  it('transfers, lists cards and the current invoice, and shows the cash flow', async () => {
    const client = createSaldoClient({
      url: stack().router.url,
      auth: { email, password: PASSWORD },
    });
    await client.accounts.create({ input: { name: 'Poupança', type: 'SAVINGS', currency: 'BRL' } });
    const card = await client.cards.create({
      input: { name: 'Roxinho', currency: 'BRL', limit: '5000.00', closingDay: 5, dueDay: 12 },
    });
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'America/Sao_Paulo' });
    await client.purchases.create({
      input: {
        cardId: card.id,
        description: 'tênis',
        totalAmount: '300.00',
        purchaseDate: today,
        installmentCount: 3,
      },
    });

    const moved = await saldo([
      'transfer',
      '10,00',
      '--from',
      'Nubank',
      '--to',
      'poupança',
      '--json',
    ]);
    expect(moved.code).toBe(0);
    expect(JSON.parse(moved.stdout)).toMatchObject({
      kind: 'TRANSFER',
      amount: { amount: '10.00' },
    });

    const cards = await saldo(['cards', '--json']);
    expect(JSON.parse(cards.stdout)).toMatchObject([{ id: card.id, limit: { amount: '5000.00' } }]);
    const invoice = await saldo(['invoice', '--json']);
    expect(invoice.code).toBe(0);
    expect(JSON.parse(invoice.stdout)).toMatchObject({
      items: [
        {
          description: 'tênis',
          installmentNumber: 1,
          installmentCount: 3,
          amount: { amount: '100.00' },
        },
      ],
    });
    const human = await saldo(['invoice']);
    expect(human.stdout).toContain('R$ 100,00');

    // Consolidation follows the ledger's events: wait until the day shows both entries.
    await waitFor(
      async () => {
        const flow = await saldo(['cashflow', '--json', '--by', 'month', '--from', '2020-01-01']);
        const points = JSON.parse(flow.stdout) as {
          entryCount: number;
          debits: { amount: string };
        }[];
        return points.reduce((n, p) => n + p.entryCount, 0) >= 2;
      },
      { timeoutMs: 30_000, intervalMs: 500, what: 'the cash flow to include the entries' },
    );
    const chart = await saldo(['cashflow', '--by', 'month', '--from', '2020-01-01']);
    expect(chart.code).toBe(0);
    expect(chart.stdout).toContain('█');
  }, 60_000);

  it('watch prints a balance change as it happens and stops on Ctrl-C', async () => {
    const { router } = stack();
    const before = router.live.subscriptions;
    const child = start(['watch', '--json']);
    let stdout = '';
    child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await waitForSubscriptions(router, before + 2);

      const client = createSaldoClient({
        url: router.url,
        auth: { email, password: PASSWORD },
        webSocketImpl: WebSocket,
      });
      await client.entries.create({ input: { kind: 'INCOME', accountId, amount: '100.00' } });
      await waitFor(() => stdout.includes('\n'), { timeoutMs: 20_000, what: 'a printed event' });
      expect(JSON.parse(stdout.split('\n')[0]!)).toMatchObject({
        type: 'balanceChanged',
        accountId,
        balance: { amount: '44.10', currency: 'BRL' },
      });
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);

  it('logout revokes and removes the tokens', async () => {
    const ran = await saldo(['logout']);
    expect(ran.code).toBe(0);
    expect(() => statSync(join(home, 'saldo', 'credentials.json'))).toThrow();
    expect((await saldo(['whoami'])).code).toBe(3);
  });
});
