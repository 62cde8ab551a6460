import path from 'node:path';
import { newId } from '@saldo/kit';
import { mintToken, SubgraphProcess, TestClient, waitFor } from '@saldo/kit/testing';
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

let proc: SubgraphProcess;
const sql = <T = Record<string, unknown>>(text: string, params: readonly unknown[] = []) =>
  proc.sql<T>(text, params);

beforeAll(async () => {
  proc = await SubgraphProcess.prepare(ROOT, 'import_crash', {
    IMPORT_SWEEP_INTERVAL_MS: '0',
    IMPORT_PARSE_LEASE_MS: '1500',
    IMPORT_PARSE_RECOVERY_MS: '300',
  });
}, 60_000);

afterAll(async () => {
  await proc?.cleanup();
});

describe('parsing survives kill -9', () => {
  it('resumes a job killed mid-parse and reaches PREVIEW with every row exactly once', async () => {
    await proc.start();
    const userId = newId();
    const token = await mintToken('import', { sub: userId, scopes: ['import:write'] });
    const upload = await fetch(`${proc.baseUrl}/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-filename': 'big.ofx' },
      body: generateOfx(ROWS),
    });
    expect(upload.status).toBe(201);
    const { fileId } = (await upload.json()) as { fileId: string };

    const client = new TestClient(`${proc.baseUrl}/graphql`, 'import').as(userId);
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
    await proc.kill();
    expect(await started).toBe('connection lost');

    const [before] = await sql<{ status: string; attempts: number; rows: string }>(
      `select status, parse_attempts as attempts,
              (select count(*) from import_rows where job_id = j.id) as rows
         from import_jobs j where id = ?::uuid`,
      [jobId],
    );
    expect(before).toEqual({ status: 'PARSING', attempts: 1, rows: '0' });

    await proc.start();
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
