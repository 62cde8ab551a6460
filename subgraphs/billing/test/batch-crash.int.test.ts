import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { newId, openDatabase, type Orm } from '@saldo/kit';
import {
  createTestDatabase,
  deleteNamespaceStreams,
  TEST_ISSUER,
  TEST_NATS_URL,
  TEST_SERVER_URL,
  TestClient,
  testKeys,
  testQuery,
  uniqueName,
  waitFor,
  type TestDatabase,
} from '@saldo/kit/testing';
import { COMPLETE_PROFILE, LINK_SECRET, uploadFile } from './helpers';

// The real thing: billing as its own process (dist/src/main.js), SIGKILLed while its worker
// is in the middle of a batch, then started again.

const ROOT = path.join(__dirname, '..');
const ROWS = 30_000;
const HEADER = 'name,governmentId,email,debtAmount,debtDueDate,debtId';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

let db: TestDatabase;
let orm: Orm;
let namespace: string;
let port: number;
let child: ChildProcess | null = null;

const sql = <T = Record<string, unknown>>(text: string, params: readonly unknown[] = []) =>
  testQuery<T>(orm, text, params);

function startChild(): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
    DATABASE_URL: TEST_SERVER_URL,
    DATABASE_NAME: db.name,
    NATS_URL: TEST_NATS_URL,
    NATS_NAMESPACE: namespace,
    INTERNAL_JWT_PUBLIC_KEY: testKeys.publicKey,
    INTERNAL_JWT_ISSUER: TEST_ISSUER,
    PORT: String(port),
    BILLING_LINK_SECRET: LINK_SECRET,
    BILLING_CHUNK_ROWS: '300',
    BILLING_CHUNK_ACK_WAIT_MS: '1500',
    BILLING_OVERDUE_INTERVAL_MS: '0',
    BILLING_FILE_SWEEP_INTERVAL_MS: '0',
  };
  return spawn(process.execPath, [path.join(ROOT, 'dist/src/main.js')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

const baseUrl = () => `http://127.0.0.1:${port}`;

async function ready(): Promise<void> {
  await waitFor(
    async () => {
      const response = await fetch(`${baseUrl()}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      }).catch(() => null);
      return response !== null && response.status < 500;
    },
    { timeoutMs: 30_000, intervalMs: 100, what: 'the billing process to listen' },
  );
}

function exited(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => proc.once('exit', () => resolve()));
}

beforeAll(async () => {
  execFileSync(
    process.execPath,
    [
      require.resolve('@swc/cli/bin/swc.js', { paths: [ROOT] }),
      'src',
      'migrations',
      '-d',
      'dist',
      '--config-file',
      '../../.swcrc',
      '-q',
    ],
    { cwd: ROOT, stdio: 'inherit' },
  );
  db = await createTestDatabase('billing_crash');
  namespace = uniqueName('t');
  port = await freePort();
  orm = await openDatabase({
    serverUrl: TEST_SERVER_URL,
    database: db.name,
    entities: [],
    migrations: [],
  });
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await exited(child);
  }
  await orm?.close();
  await db?.drop();
  await deleteNamespaceStreams(namespace);
});

describe('a batch survives kill -9 of its worker', () => {
  it('finishes after a restart with every row once and one email per charge', async () => {
    child = startChild();
    await ready();
    const userId = newId();
    const client = new TestClient(`${baseUrl()}/graphql`, 'billing').as(userId, [
      'billing:read',
      'billing:write',
    ]);
    await client.ok(
      'mutation($input: UpdateBillingProfileInput!) { updateBillingProfile(input: $input) { complete } }',
      { input: COMPLETE_PROFILE },
    );
    const lines = [HEADER];
    for (let i = 0; i < ROWS; i++)
      lines.push(
        `Pagador ${i},529.982.247-25,p${i}@example.com,${1 + (i % 500)}.25,2027-03-01,K-${i}`,
      );
    const upload = await uploadFile(`${baseUrl()}/files`, userId, Buffer.from(lines.join('\n')));
    expect(upload.status).toBe(201);
    const started = await client.ok<{ importCharges: { id: string } }>(
      'mutation($id: ID!) { importCharges(fileId: $id) { id } }',
      { id: upload.body['fileId'] },
    );
    const batchId = started.importCharges.id;

    // Some chunks done, not all: then the crash.
    await waitFor(
      async () =>
        Number(
          (
            await sql<{ n: string }>(
              'select count(*) as n from charge_batch_chunks where batch_id = ?::uuid',
              [batchId],
            )
          )[0]?.n,
        ) >= 3,
      { timeoutMs: 30_000, intervalMs: 5, what: 'the first chunks' },
    );
    child.kill('SIGKILL');
    await exited(child);
    const [mid] = await sql<{ status: string; done: number; chunks: number }>(
      'select status, chunks_done as done, chunks from charge_batches where id = ?::uuid',
      [batchId],
    );
    expect(mid!.status).toBe('PROCESSING');
    expect(mid!.done).toBeLessThan(mid!.chunks);

    child = startChild();
    await ready();
    await waitFor(
      async () =>
        (
          await sql<{ status: string }>('select status from charge_batches where id = ?::uuid', [
            batchId,
          ])
        )[0]?.status === 'COMPLETED',
      { timeoutMs: 90_000, intervalMs: 200, what: 'the batch to complete after the restart' },
    );
    const [after] = await sql<{ charges: string; lines: string; rows: number; accepted: number }>(
      `select (select count(*) from charges where batch_id = b.id) as charges,
              (select count(distinct line) from charges where batch_id = b.id) as lines,
              rows, accepted
         from charge_batches b where id = ?::uuid`,
      [batchId],
    );
    expect(after).toEqual({
      charges: String(ROWS),
      lines: String(ROWS),
      rows: ROWS,
      accepted: ROWS,
    });
    const emails = await sql<{ charge_id: string }>(
      `select c->>'chargeId' as charge_id from kit_outbox o,
              jsonb_array_elements((o.envelope::jsonb)->'data'->'charges') c
        where o.subject = 'billing.charge_emails.requested'`,
    );
    expect(emails).toHaveLength(ROWS);
    expect(new Set(emails.map((e) => e.charge_id)).size).toBe(ROWS);
  }, 180_000);
});
