import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSaldoClient, type SaldoClient } from '@saldo/sdk';
import { useStack } from '@saldo/router/test/harness';
import { cliRunner, PASSWORD } from './run-cli';

// `saldo import`: the built CLI spawned as a process against router + identity + ledger +
// import; the file goes through the router's POST /uploads.

// Bradesco OFX 1.x: 6 transactions, BRL (see the fixtures README).
const FIXTURE = join(
  __dirname,
  '../../../subgraphs/import/test/fixtures/statements/rubyofx-bradesco.ofx',
);

interface Job {
  id: string;
  status: string;
  format: string;
  totals: Record<'rows' | 'new' | 'duplicates' | 'excluded' | 'invalid' | 'imported', number>;
  errors: { line: number | null; message: string }[];
}

describe('saldo import', () => {
  const stack = useStack({ subgraphs: ['identity', 'ledger', 'import'] });
  const home = mkdtempSync(join(tmpdir(), 'saldo-cli-import-'));
  const email = `cli.import.${Date.now()}@example.com`;
  const statement = join(home, 'extrato-bradesco.ofx');
  let client: SaldoClient;
  let accountId = '';
  afterAll(async () => {
    await client?.close();
    rmSync(home, { recursive: true, force: true });
  });

  const saldo = cliRunner(home, () => stack().router.url);

  const entryCount = async () =>
    (await client.entries.list({ filter: { accountId }, first: 100 })).edges.length;

  beforeAll(async () => {
    copyFileSync(FIXTURE, statement);
    client = createSaldoClient({ url: stack().router.url });
    await client.auth.register({ email, password: PASSWORD, name: 'Ana' });
    accountId = (
      await client.accounts.create({
        input: { name: 'Bradesco', type: 'CHECKING', currency: 'BRL' },
      })
    ).id;
    const login = await saldo(['login', '--email', email], { SALDO_PASSWORD: PASSWORD });
    expect(login.code).toBe(0);
  });

  it('previews a statement: totals printed, nothing in the ledger', async () => {
    const ran = await saldo(['import', statement, '--account', 'bradesco']);
    expect(ran.stderr).toBe(`Enviando ${statement}...\n`);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain(
      'Prévia de extrato-bradesco.ofx (OFX): 6 linhas, 6 novas, 0 duplicadas, 0 inválidas',
    );
    expect(ran.stdout).toMatch(/confirme com --confirm \(job [0-9a-f-]{36}\)/);
    expect(await entryCount()).toBe(0);
  });

  it('imports with --confirm and waits for COMPLETED; a second import finds only duplicates', async () => {
    const ran = await saldo(['import', statement, '--account', accountId, '--confirm', '--json']);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    const job = JSON.parse(ran.stdout) as Job;
    expect(job).toMatchObject({
      status: 'COMPLETED',
      format: 'OFX',
      totals: { rows: 6, new: 6, duplicates: 0, invalid: 0, imported: 6 },
    });
    expect(await entryCount()).toBe(6);

    const again = await saldo(['import', statement, '--account', accountId, '--json']);
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as Job).totals).toMatchObject({
      rows: 6,
      new: 0,
      duplicates: 6,
      excluded: 6,
    });
  });

  it('fails clearly: an unreadable file (5), no such file (4), no account (4), usage (2)', async () => {
    const junk = join(home, 'junk.ofx');
    writeFileSync(junk, Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 7, 8, 9]));
    const bad = await saldo(['import', junk, '--account', accountId]);
    expect(bad.code).toBe(5);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n').pop()).toMatch(/^saldo: IMPORT_FAILED: junk\.ofx: .+/);

    const missing = await saldo(['import', join(home, 'nope.ofx'), '--account', accountId]);
    expect(missing.code).toBe(4);
    expect(missing.stderr.trim()).toBe(`saldo: NOT_FOUND: no file "${join(home, 'nope.ofx')}"`);

    const noAccount = await saldo(['import', statement, '--account', 'Itaú']);
    expect(noAccount.code).toBe(4);
    expect(noAccount.stderr.trim()).toBe('saldo: NOT_FOUND: no account "Itaú"');

    const usage = await saldo(['import', statement]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('give --account or --card');
    const format = await saldo(['import', statement, '--account', accountId, '--format', 'PDF']);
    expect(format.code).toBe(2);
  });
});
