import { newId } from '@saldo/kit';
import { waitFor } from '@saldo/kit/testing';
import { statement } from './fake-parser';
import { startImportForTest, type Api, type TestImport } from './helpers';

// What a crash leaves behind (a PARSING job, its lease expired, no rows), written in SQL;
// the child-process kill -9 test is parse-crash.int.test.ts.
describe('recovery of interrupted parsing', () => {
  let t: TestImport;

  beforeAll(async () => {
    t = await startImportForTest('import_recovery', {
      IMPORT_PARSE_LEASE_MS: 200,
      IMPORT_PARSE_RECOVERY_MS: 100,
      IMPORT_PARSE_MAX_ATTEMPTS: 2,
    });
  });
  afterAll(async () => {
    await t?.stop();
  });

  const rows = [
    { date: '2026-03-01', amount: '-12.34', description: 'PADARIA', externalId: 'F1' },
    { date: '2026-03-02', amount: '1500.00', description: 'SALARIO', externalId: 'F2' },
    { date: '2026-03-03', amount: '-3.00', description: 'CAFE', externalId: 'F3' },
  ];

  async function crashed(api: Api, attempts: number): Promise<string> {
    const fileId = await api.fileId(statement({ accounts: [{ id: 'acc', rows }] }));
    const job = await api.start({ fileId, accountId: newId() });
    expect(job.status).toBe('PREVIEW');
    await t.query(
      `update import_jobs set status = 'PARSING', parse_attempts = ?,
         parse_lease_until = now() - interval '1 second' where id = ?::uuid`,
      [attempts, job.id],
    );
    await t.query('delete from import_rows where job_id = ?::uuid', [job.id]);
    return job.id;
  }

  const status = async (id: string) =>
    (
      await t.query<{ status: string }>('select status from import_jobs where id = ?::uuid', [id])
    )[0]?.status;

  it('parses an expired PARSING job again: PREVIEW with each row once', async () => {
    const ana = t.as();
    const id = await crashed(ana, 1);
    await waitFor(async () => (await status(id)) === 'PREVIEW', { what: 'PREVIEW' });
    const job = await ana.job(id);
    expect(job.totals.rows).toBe(3);
    expect((await ana.rows(id)).map((r) => r.line)).toEqual([1, 2, 3]);
    const [lease] = await t.query<{ parse_attempts: number; parse_lease_until: unknown }>(
      'select parse_attempts, parse_lease_until from import_jobs where id = ?::uuid',
      [id],
    );
    expect(lease).toEqual({ parse_attempts: 2, parse_lease_until: null });
  });

  it('leaves a job alone while its lease holds', async () => {
    const ana = t.as();
    const id = await crashed(ana, 1);
    await t.query(
      `update import_jobs set parse_lease_until = now() + interval '1 hour' where id = ?::uuid`,
      [id],
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await status(id)).toBe('PARSING');
    await ana.ok('mutation($id: ID!) { cancelImport(jobId: $id) { id } }', { id });
  });

  it('fails a job that keeps dying mid-parse, with the reason', async () => {
    const ana = t.as();
    const id = await crashed(ana, 2);
    await waitFor(async () => (await status(id)) === 'FAILED', { what: 'FAILED' });
    const job = await ana.job(id);
    expect(job.totals.rows).toBe(0);
    expect(job.errors).toEqual([
      {
        line: null,
        message:
          'Parsing was interrupted 2 times before it could finish; the file may be too large to read, try a smaller one',
      },
    ]);
  });
});
