import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSaldoClient, type SaldoClient } from '@saldo/sdk';
import { useStack } from '@saldo/router/test/harness';
import { cliRunner, PASSWORD } from './run-cli';

// A card statement end to end: `saldo import --card` through the router's POST /uploads,
// the import subgraph's preview, confirm -> cards records the rows -> the job completes.

// Nubank card OFX: 16 transactions, bare `3/12` installment suffixes, 3 "Pagamento recebido".
const FIXTURE = join(
  __dirname,
  '../../../subgraphs/import/test/fixtures/statements/ofxparserphp-nubank-card.ofx',
);

interface Job {
  status: string;
  totals: Record<'rows' | 'new' | 'imported', number>;
  errors: { line: number | null; message: string }[];
}

describe('saldo import --card', () => {
  const stack = useStack({ subgraphs: ['identity', 'ledger', 'cards', 'import'] });
  const home = mkdtempSync(join(tmpdir(), 'saldo-cli-card-'));
  const email = `cli.card.${Date.now()}@example.com`;
  const statement = join(home, 'fatura-nubank.ofx');
  let client: SaldoClient;
  let cardId = '';
  afterAll(async () => {
    await client?.close();
    rmSync(home, { recursive: true, force: true });
  });

  const saldo = cliRunner(home, () => stack().router.url);

  beforeAll(async () => {
    copyFileSync(FIXTURE, statement);
    client = createSaldoClient({ url: stack().router.url });
    await client.auth.register({ email, password: PASSWORD, name: 'Ana' });
    const checking = await client.accounts.create({
      input: { name: 'Nubank conta', type: 'CHECKING', currency: 'BRL' },
    });
    cardId = (
      await client.cards.create({
        input: {
          name: 'Nubank',
          currency: 'BRL',
          limit: '100.00',
          closingDay: 15,
          dueDay: 25,
          paymentAccountId: checking.id,
        },
      })
    ).id;
    const login = await saldo(['login', '--email', email], { SALDO_PASSWORD: PASSWORD });
    expect(login.code).toBe(0);
  });

  it('records purchases with what is left of each installment series, once', async () => {
    const ran = await saldo(['import', statement, '--card', 'Nubank', '--confirm', '--json']);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    const job = JSON.parse(ran.stdout) as Job;
    expect(job.status).toBe('COMPLETED');
    expect(job.totals.rows).toBe(16);
    const { purchases: page } = await client.purchases.list({ cardId, first: 50 });
    const bought = page.edges.map((e) => [e.node.description, e.node.installmentCount]);
    expect(bought).toHaveLength(13);
    // `Empiricus 3/12` on this statement: installments 3..12 are one purchase of 10.
    expect(bought).toContainEqual(['Empiricus 3/12', 10]);
    expect(bought).toContainEqual(['Azul Linhas Aereas*Fef 4/4', 1]);
    // One payment pays the statement's invoice; the others find nothing left to pay.
    expect(job.totals.imported).toBe(14);
    expect(job.errors).toEqual(
      [112, 120].map((line) => ({
        line,
        message: 'No invoice of this card closed before 2018-09-20 has anything left to pay',
      })),
    );

    // The same statement again: every row is already on the card.
    const again = await saldo(['import', statement, '--card', cardId, '--confirm', '--json']);
    expect(again.code).toBe(0);
    expect((await client.purchases.list({ cardId, first: 50 })).purchases.edges).toHaveLength(13);
  });
});
