import path from 'node:path';
import { newId } from '@saldo/kit';
import { SubgraphProcess, TestClient, waitFor } from '@saldo/kit/testing';
import { COMPLETE_PROFILE, LINK_SECRET, uploadFile } from './helpers';

// The real thing: billing as its own process (dist/src/main.js), SIGKILLed while its worker
// is in the middle of a batch, then started again.

const ROOT = path.join(__dirname, '..');
const ROWS = 30_000;
const HEADER = 'name,governmentId,email,debtAmount,debtDueDate,debtId';

let proc: SubgraphProcess;
const sql = <T = Record<string, unknown>>(text: string, params: readonly unknown[] = []) =>
  proc.sql<T>(text, params);

beforeAll(async () => {
  proc = await SubgraphProcess.prepare(ROOT, 'billing_crash', {
    BILLING_LINK_SECRET: LINK_SECRET,
    BILLING_CHUNK_ROWS: '300',
    BILLING_CHUNK_ACK_WAIT_MS: '1500',
    BILLING_OVERDUE_INTERVAL_MS: '0',
    BILLING_FILE_SWEEP_INTERVAL_MS: '0',
  });
}, 60_000);

afterAll(async () => {
  await proc?.cleanup();
});

describe('a batch survives kill -9 of its worker', () => {
  it('finishes after a restart with every row once and one email per charge', async () => {
    await proc.start();
    const userId = newId();
    const client = new TestClient(`${proc.baseUrl}/graphql`, 'billing').as(userId, [
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
    const upload = await uploadFile(`${proc.baseUrl}/files`, userId, Buffer.from(lines.join('\n')));
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
    await proc.kill();
    const [mid] = await sql<{ status: string; done: number; chunks: number }>(
      'select status, chunks_done as done, chunks from charge_batches where id = ?::uuid',
      [batchId],
    );
    expect(mid!.status).toBe('PROCESSING');
    expect(mid!.done).toBeLessThan(mid!.chunks);

    await proc.start();
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
