import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { newId, openDatabase, type Orm } from '@saldo/kit';
import {
  createTestDatabase,
  deleteNamespaceStreams,
  mintToken,
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
import { generateOfx } from '../src/parsers/generate';

// The real thing: the import subgraph as its own process (dist/src/main.js, the real parser),
// SIGKILLed while it parses a big statement, then started again.

const ROOT = path.join(__dirname, '..');
const ROWS = 100_000;
// The generator's zero amounts ((i * 7919) % 100000 === 50000) are shown as invalid, not rows.
const ZERO = Array.from({ length: ROWS }, (_, i) => (i * 7919) % 100_000 === 50_000).filter(
  Boolean,
).length;
const EXPECTED = ROWS - ZERO;

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
    IMPORT_SWEEP_INTERVAL_MS: '0',
    IMPORT_PARSE_LEASE_MS: '1500',
    IMPORT_PARSE_RECOVERY_MS: '300',
  };
  const proc = spawn(process.execPath, [path.join(ROOT, 'dist/src/main.js')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return proc;
}

const graphqlUrl = () => `http://127.0.0.1:${port}/graphql`;

async function ready(): Promise<void> {
  await waitFor(
    async () => {
      const response = await fetch(graphqlUrl(), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      return response.status < 500;
    },
    { timeoutMs: 30_000, intervalMs: 100, what: 'the import process to listen' },
  );
}

function exited(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => proc.once('exit', () => resolve()));
}

beforeAll(async () => {
  // The child runs the built subgraph: build it from the sources under test.
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
  db = await createTestDatabase('import_crash');
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

describe('parsing survives kill -9', () => {
  it('resumes a job killed mid-parse and reaches PREVIEW with every row exactly once', async () => {
    child = startChild();
    await ready();
    const userId = newId();
    const token = await mintToken('import', { sub: userId, scopes: ['import:write'] });
    const upload = await fetch(`http://127.0.0.1:${port}/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-filename': 'big.ofx' },
      body: generateOfx(ROWS),
    });
    expect(upload.status).toBe(201);
    const { fileId } = (await upload.json()) as { fileId: string };

    const client = new TestClient(graphqlUrl(), 'import').as(userId);
    const accountId = newId();
    // The mutation parses inline; it never answers, the process dies under it.
    const started = client
      .request(`mutation($input: StartImportInput!) { startImport(input: $input) { id status } }`, {
        input: { fileId, accountId },
      })
      .then(
        () => 'answered',
        () => 'connection lost',
      );

    const jobId = await waitFor(
      async () =>
        (await sql<{ id: string }>(`select id from import_jobs where status = 'PARSING'`))[0]?.id,
      { timeoutMs: 20_000, intervalMs: 10, what: 'the job to be PARSING' },
    );
    // Let the parser get going, then the crash.
    await new Promise((resolve) => setTimeout(resolve, 400));
    child.kill('SIGKILL');
    await exited(child);
    expect(await started).toBe('connection lost');

    const [before] = await sql<{ status: string; attempts: number; rows: string }>(
      `select status, parse_attempts as attempts,
              (select count(*) from import_rows where job_id = j.id) as rows
         from import_jobs j where id = ?::uuid`,
      [jobId],
    );
    expect(before).toEqual({ status: 'PARSING', attempts: 1, rows: '0' });

    child = startChild();
    await ready();
    await waitFor(
      async () =>
        (
          await sql<{ status: string }>('select status from import_jobs where id = ?::uuid', [
            jobId,
          ])
        )[0]?.status === 'PREVIEW',
      { timeoutMs: 60_000, intervalMs: 200, what: 'the resumed job to reach PREVIEW' },
    );

    const [after] = await sql<{ attempts: number; rows: string; lines: string; lease: unknown }>(
      `select parse_attempts as attempts, parse_lease_until as lease,
              (select count(*) from import_rows where job_id = j.id) as rows,
              (select count(distinct line) from import_rows where job_id = j.id) as lines
         from import_jobs j where id = ?::uuid`,
      [jobId],
    );
    expect(after).toEqual({
      attempts: 2,
      rows: String(EXPECTED),
      lines: String(EXPECTED),
      lease: null,
    });
    const data = await client.ok<{
      importJob: { status: string; totals: { rows: number; invalid: number } };
    }>(`query($id: ID!) { importJob(id: $id) { status totals { rows invalid } } }`, {
      id: jobId,
    });
    expect(data.importJob).toEqual({
      status: 'PREVIEW',
      totals: { rows: EXPECTED, invalid: ZERO },
    });
  }, 180_000);
});
