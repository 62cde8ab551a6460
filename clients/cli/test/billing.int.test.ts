import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSaldoClient, type SaldoClient } from '@saldo/sdk';
import { useStack } from '@saldo/router/test/harness';
import { cliRunner, PASSWORD } from './run-cli';

// `saldo billing ...`: the built CLI spawned as a process against router + identity +
// ledger + billing.

interface Charge {
  id: string;
  debtId: string;
  status: string;
  boleto: { digitableLine: string } | null;
}

describe('saldo billing', () => {
  const stack = useStack({ subgraphs: ['identity', 'ledger', 'billing'] });
  const home = mkdtempSync(join(tmpdir(), 'saldo-cli-billing-'));
  const email = `cli.billing.${Date.now()}@example.com`;
  let client: SaldoClient;
  let accountId = '';
  afterAll(async () => {
    await client?.close();
    rmSync(home, { recursive: true, force: true });
  });

  const saldo = cliRunner(home, () => stack().router.url);

  beforeAll(async () => {
    client = createSaldoClient({ url: stack().router.url });
    await client.auth.register({ email, password: PASSWORD, name: 'Ana' });
    const account = await client.accounts.create({
      input: { name: 'Recebimentos', type: 'CHECKING', currency: 'BRL' },
    });
    accountId = account.id;
    const login = await saldo(['login', '--email', email], { SALDO_PASSWORD: PASSWORD });
    expect(login.code).toBe(0);
  });

  const create = (debtId: string) =>
    saldo([
      'billing',
      'create',
      '--debt-id',
      debtId,
      '--payer-name',
      'Maria Silva',
      '--payer-document',
      '529.982.247-25',
      '--payer-email',
      'maria@example.com',
      '--amount',
      '150,25',
      '--due',
      '2027-01-10',
      '--json',
    ]);

  it('refuses to issue before the profile is complete, then issues once it is', async () => {
    const early = await create('CLI-1');
    expect(early.code).toBe(6);
    expect(JSON.parse(early.stderr)).toMatchObject({
      error: { code: 'INVALID_STATE', message: expect.stringContaining('billing profile') },
    });

    const set = await saldo([
      'billing',
      'set-profile',
      '--beneficiary-name',
      'Padaria Pão Quente Ltda',
      '--document',
      '11.222.333/0001-81',
      '--bank',
      '001',
      '--agency',
      '1234',
      '--account',
      '123456',
      '--wallet',
      '17',
      '--agreement',
      '1234567',
      '--pix-key',
      'pix@padaria.com.br',
      '--receiving-account',
      accountId,
      '--sender-name',
      'Padaria',
    ]);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('Perfil completo');

    const issued = await create('CLI-1');
    expect(issued.code).toBe(0);
    const charge = JSON.parse(issued.stdout) as Charge;
    expect(charge).toMatchObject({ debtId: 'CLI-1', status: 'ISSUED' });
    expect(charge.boleto?.digitableLine).toMatch(/^\d{47}$/);
    // The same debt id returns the same charge.
    expect((JSON.parse((await create('CLI-1')).stdout) as Charge).id).toBe(charge.id);

    const table = await saldo(['billing', 'charges']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('CLI-1');
    expect(table.stdout).toContain('R$ 150,25');

    const paid = await saldo([
      'billing',
      'pay',
      charge.id,
      '--amount',
      '150.25',
      '--date',
      '2026-12-01',
      '--json',
    ]);
    expect(JSON.parse(paid.stdout)).toMatchObject({ id: charge.id, status: 'PAID' });
    const listed = await saldo(['billing', 'charges', '--status', 'paid', '--json']);
    expect((JSON.parse(listed.stdout) as Charge[]).map((c) => c.id)).toEqual([charge.id]);
  });

  it("answers a bad status with 2 and another user's charge with 4", async () => {
    expect((await saldo(['billing', 'charges', '--status', 'LATE'])).code).toBe(2);
    const other = createSaldoClient({ url: stack().router.url });
    await other.auth.register({
      email: `cli.billing.other.${Date.now()}@example.com`,
      password: PASSWORD,
      name: 'Bob',
    });
    const mine = JSON.parse((await saldo(['billing', 'charges', '--json'])).stdout) as Charge[];
    await other.close();
    const bobHome = mkdtempSync(join(tmpdir(), 'saldo-cli-billing-bob-'));
    const bobEmail = `cli.billing.bob.${Date.now()}@example.com`;
    const bob = createSaldoClient({ url: stack().router.url });
    await bob.auth.register({ email: bobEmail, password: PASSWORD, name: 'Bob' });
    await bob.close();
    const env = { XDG_CONFIG_HOME: bobHome };
    expect(
      (await saldo(['login', '--email', bobEmail], { ...env, SALDO_PASSWORD: PASSWORD })).code,
    ).toBe(0);
    expect((await saldo(['billing', 'charge', mine[0]!.id], env)).code).toBe(4);
    expect(JSON.parse((await saldo(['billing', 'charges', '--json'], env)).stdout)).toEqual([]);
    rmSync(bobHome, { recursive: true, force: true });
  });
});
