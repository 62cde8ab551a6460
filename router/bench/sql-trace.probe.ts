// Developer probe: logs the ledger's statements with durations (PostgreSQL's own log)
// for a few createEntry calls, to see where the database time goes.
import { Client } from 'pg';
import { createInternalSigner, USER_SCOPES } from '@saldo/kit';
import { startSystem } from './system';

async function main() {
  const system = await startSystem({ subgraphs: ['identity', 'ledger'] });
  const admin = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  try {
    const db = (
      await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like '%_ledger' order by oid desc limit 1`,
      )
    ).rows[0]!.datname;
    await admin.query(`alter database "${db}" set log_min_duration_statement = 0`);
    const sign = await createInternalSigner(system.internalPrivateKey, 'saldo-router');
    const token = await sign(
      'ledger',
      { sub: '01930000-0000-7000-8000-000000000001', scopes: USER_SCOPES },
      600,
    );
    const url = system.subgraphUrls.get('ledger')!;
    const call = (query: string, variables = {}) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      }).then((r) => r.json() as Promise<{ data: Record<string, { id: string }> }>);
    const account = await call(
      'mutation { createAccount(input: { name: "A", type: CHECKING, currency: "BRL" }) { id } }',
    );
    await admin.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`,
      [db],
    );
    await new Promise((r) => setTimeout(r, 500));
    for (let i = 0; i < 12; i += 1) {
      const r = await call('mutation($i: CreateEntryInput!) { createEntry(input: $i) { id } }', {
        i: {
          kind: 'INCOME',
          accountId: account.data['createAccount']!.id,
          amount: '10.50',
          description: 'probe',
        },
      });
      process.stdout.write(`${JSON.stringify(r).slice(0, 80)}\n`);
    }
  } finally {
    await admin.end();
    await system.stop();
  }
}
void main();
