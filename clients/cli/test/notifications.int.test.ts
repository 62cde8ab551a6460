import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSaldoClient, type SaldoClient } from '@saldo/sdk';
import { waitFor } from '@saldo/kit/testing';
import { useStack } from '@saldo/router/test/harness';
import { cliRunner, PASSWORD } from './run-cli';

// `saldo notifications` and `saldo notifications read`: the built CLI spawned as a process
// against router + identity + notifications.

interface Listed {
  id: string;
  type: string;
  title: string;
  readAt: string | null;
}

describe('saldo notifications', () => {
  const stack = useStack({
    subgraphs: ['identity', 'notifications'],
    // No mail server here: one attempt, then FAILED (the inbox does not care).
    config: { notifications: { RETRY_SCHEDULE_MS: '0' } },
  });
  const home = mkdtempSync(join(tmpdir(), 'saldo-cli-notifications-'));
  const email = `cli.notifications.${Date.now()}@example.com`;
  let client: SaldoClient;
  let welcomeId = '';
  afterAll(async () => {
    await client?.close();
    rmSync(home, { recursive: true, force: true });
  });

  const saldo = cliRunner(home, () => stack().router.url);
  const listed = async (args: string[] = []) => {
    const ran = await saldo(['notifications', ...args, '--json']);
    expect(ran).toMatchObject({ code: 0, stderr: '' });
    return JSON.parse(ran.stdout) as Listed[];
  };

  beforeAll(async () => {
    client = createSaldoClient({ url: stack().router.url });
    await client.auth.register({ email, password: PASSWORD, name: 'Ana' });
    // identity.user.registered -> WELCOME, through identity's outbox and notifications' consumer.
    welcomeId = await waitFor(async () => (await client.notifications.list()).edges[0]?.node.id, {
      timeoutMs: 20_000,
      what: 'the WELCOME notification',
    });
    const login = await saldo(['login', '--email', email], { SALDO_PASSWORD: PASSWORD });
    expect(login.code).toBe(0);
  });

  it('lists the inbox as JSON and as a table with the unread count', async () => {
    expect(await listed()).toEqual([
      expect.objectContaining({ id: welcomeId, type: 'WELCOME', readAt: null }),
    ]);
    const human = await saldo(['notifications']);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('WELCOME');
    expect(human.stdout).toContain('•');
    expect(human.stdout.trim().split('\n').at(-1)).toBe('1 não lida');
    const english = await saldo(['notifications', '--lang', 'en']);
    expect(english.stdout.trim().split('\n').at(-1)).toBe('1 unread');
  });

  it('marks one read by id, and --unread leaves it out', async () => {
    const test = await client.notifications.sendTest({ channel: 'IN_APP' });
    expect((await listed(['--unread'])).map((n) => n.id).sort()).toEqual(
      [welcomeId, test.id].sort(),
    );
    const ran = await saldo(['notifications', 'read', test.id, '--json']);
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({ id: test.id, readAt: expect.any(String) });
    expect((await listed(['--unread'])).map((n) => n.id)).toEqual([welcomeId]);
    expect((await listed()).map((n) => n.id).sort()).toEqual([welcomeId, test.id].sort());
  });

  it('marks all read with --all', async () => {
    const ran = await saldo(['notifications', 'read', '--all']);
    expect(ran).toMatchObject({ code: 0, stdout: '1 notificação marcada como lida\n' });
    expect(await listed(['--unread'])).toEqual([]);
    expect(await client.notifications.unreadCount()).toBe(0);
    expect((await saldo(['notifications', '--unread'])).stdout).toBe('Nenhuma notificação.\n');
    const again = await saldo(['notifications', 'read', '--all', '--json']);
    expect(JSON.parse(again.stdout)).toEqual({ marked: 0 });
  });

  it('answers usage errors with exit code 2 and an unknown id with 4', async () => {
    const neither = await saldo(['notifications', 'read']);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('give a notification id or --all');
    expect((await saldo(['notifications', 'read', welcomeId, '--all'])).code).toBe(2);

    const unknown = await saldo(['notifications', 'read', '01900000-0000-7000-8000-000000000000']);
    expect(unknown.code).toBe(4);
    expect(unknown.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^saldo: NOT_FOUND: /),
    ]);
  });

  it("never shows or marks another user's notification", async () => {
    const other = createSaldoClient({ url: stack().router.url });
    await other.auth.register({
      email: `cli.other.${Date.now()}@example.com`,
      password: PASSWORD,
      name: 'Bob',
    });
    const theirs = await other.notifications.sendTest({ channel: 'IN_APP' });
    await other.close();
    expect((await listed()).map((n) => n.id)).not.toContain(theirs.id);
    expect((await saldo(['notifications', 'read', theirs.id])).code).toBe(4);
  });

  it('refuses before login with exit code 3', async () => {
    const ran = await saldo(['notifications'], { XDG_CONFIG_HOME: join(home, 'nobody') });
    expect(ran.code).toBe(3);
  });
});
