import { newId } from '@saldo/kit';
import { errorCode, publishAs, publishedEvents, waitFor, waitForHandled } from '@saldo/kit/testing';
import { statement } from './fake-parser';
import { startImportForTest, type Api, type TestImport } from './helpers';

describe('confirmImport: chunks out, the ledger answers, the job completes once', () => {
  let t: TestImport;

  beforeAll(async () => {
    t = await startImportForTest('import_confirm', { IMPORT_CHUNK_ROWS: 2 });
    await t.subgraph.messaging.ensureDomainStream('ledger');
  });
  afterAll(async () => {
    await t?.stop();
  });

  async function previewOf(api: Api, count: number) {
    const rows = Array.from({ length: count }, (_, i) => ({
      date: `2026-03-0${i + 1}`,
      amount: `-${i + 1}.00`,
      description: `row ${i + 1}`,
      externalId: `F${i + 1}`,
    }));
    const fileId = await api.fileId(statement({ accounts: [{ id: 'a', rows }] }));
    return api.start({ fileId, accountId: newId() });
  }

  const confirm = (api: Api, jobId: string) =>
    api.ok<{ confirmImport: { status: string } }>(
      'mutation($id: ID!) { confirmImport(jobId: $id) { status } }',
      { id: jobId },
    );

  const chunksOf = async (jobId: string) =>
    (await publishedEvents(t.subgraph, { type: 'import.rows.confirmed' }))
      .map((e) => e.data)
      .filter((d) => d.jobId === jobId);

  const answer = async (userId: string, jobId: string, chunk: number, created: number) =>
    waitForHandled(
      t.subgraph,
      await publishAs(t.subgraph, 'ledger.import_chunk.applied', userId, {
        jobId,
        chunk,
        created,
        existing: 0,
      }),
    );

  it('sends the included rows in chunks once, however often it is confirmed', async () => {
    const ana = t.as();
    const job = await previewOf(ana, 5);
    const [first] = await ana.rows(job.id);
    await ana.ok(
      'mutation($id: ID!, $c: [ImportRowChangeInput!]!) { updateImportRows(jobId: $id, changes: $c) { id } }',
      { id: job.id, c: [{ rowId: first!.id, included: false }] },
    );
    expect((await confirm(ana, job.id)).confirmImport.status).toBe('IMPORTING');
    expect((await confirm(ana, job.id)).confirmImport.status).toBe('IMPORTING');
    const chunks = await chunksOf(job.id);
    expect(chunks.map((c) => [c.chunk, c.chunks, c.rows.map((r) => r.externalId)])).toEqual([
      [0, 2, ['F2', 'F3']],
      [1, 2, ['F4', 'F5']],
    ]);
    expect(chunks[0]!.rows[0]).toMatchObject({
      amount: { amount: '2.00', currency: 'BRL' },
      kind: 'EXPENSE',
      date: '2026-03-02',
    });
    const late = await ana.request('mutation($id: ID!) { cancelImport(jobId: $id) { id } }', {
      id: job.id,
    });
    expect(errorCode(late)).toBe('INVALID_STATE');

    await answer(ana.userId, job.id, 0, 2);
    await answer(ana.userId, job.id, 0, 2); // a redelivered answer under a new id
    expect((await ana.job(job.id)).totals.imported).toBe(2);
    await answer(ana.userId, job.id, 1, 2);
    const done = await ana.job(job.id);
    expect(done).toMatchObject({ status: 'COMPLETED', totals: { imported: 4, excluded: 1 } });
    expect(await t.query('select id from files where user_id = ?', [ana.userId])).toEqual([]);
    expect((await confirm(ana, job.id)).confirmImport.status).toBe('COMPLETED');
    expect(await chunksOf(job.id)).toHaveLength(2);
    const updates = (await publishedEvents(t.subgraph, { type: 'import.job.updated' }))
      .map((e) => e.data)
      .filter((d) => d.jobId === job.id);
    expect(updates.at(-1)).toMatchObject({ status: 'COMPLETED', progress: 1 });
  });

  it('fails the job with the reason when the ledger refuses a chunk', async () => {
    const ana = t.as();
    const job = await previewOf(ana, 1);
    await confirm(ana, job.id);
    await waitForHandled(
      t.subgraph,
      await publishAs(t.subgraph, 'ledger.import_chunk.rejected', ana.userId, {
        jobId: job.id,
        chunk: 0,
        code: 'NOT_FOUND',
        reason: 'Account not found',
      }),
    );
    const failed = await waitFor(async () => {
      const j = await ana.job(job.id);
      return j.status === 'FAILED' && j;
    });
    expect(failed.errors.at(-1)).toEqual({ line: null, message: 'chunk 0: Account not found' });
  });

  it('sends a card statement to the card with each movement, and lists the rows it refused', async () => {
    const ana = t.as();
    const cardId = newId();
    const fileId = await ana.fileId(
      statement({
        accounts: [
          {
            id: 'card',
            type: 'CREDIT_CARD',
            rows: [
              {
                line: 7,
                date: '2026-04-02',
                amount: '-100.00',
                description: 'LOJA X PARC 03/10',
                externalId: 'L3',
                installment: { number: 3, count: 10 },
              },
              {
                line: 8,
                date: '2026-04-03',
                amount: '39.90',
                description: 'Estorno NETFLIX',
                externalId: 'R1',
              },
              {
                line: 9,
                date: '2026-04-05',
                amount: '500.00',
                description: 'Pagamento recebido',
                externalId: 'P1',
              },
            ],
          },
        ],
      }),
    );
    const job = await ana.start({ fileId, cardId });
    const rows = await ana.rows(job.id);
    expect(rows.map((r) => r.cardMovement)).toEqual(['PURCHASE', 'REFUND', 'PAYMENT']);
    await confirm(ana, job.id);
    const events = (await publishedEvents(t.subgraph, { type: 'import.card_rows.confirmed' }))
      .map((e) => e.data)
      .filter((d) => d.jobId === job.id);
    expect(events.map((e) => [e.cardId, e.chunk, e.chunks])).toEqual([
      [cardId, 0, 2],
      [cardId, 1, 2],
    ]);
    const sent = events.flatMap((e) => e.rows);
    expect(sent.map((r) => [r.line, r.movement, r.amount.amount, r.installment])).toEqual([
      [7, 'PURCHASE', '100.00', { number: 3, count: 10 }],
      [8, 'REFUND', '39.90', null],
      [9, 'PAYMENT', '500.00', null],
    ]);
    const applied = (
      chunk: number,
      created: number,
      rejected: { rowId: string; reason: string }[],
    ) =>
      publishAs(t.subgraph, 'cards.import_chunk.applied', ana.userId, {
        jobId: job.id,
        chunk,
        created,
        existing: 0,
        rejected,
      });
    await waitForHandled(t.subgraph, [
      await applied(0, 2, []),
      await applied(1, 0, [{ rowId: sent[2]!.rowId, reason: 'No invoice to pay' }]),
    ]);
    const done = await ana.job(job.id);
    expect(done).toMatchObject({ status: 'COMPLETED', totals: { imported: 2 } });
    expect(done.errors).toEqual([{ line: 9, message: 'No invoice to pay' }]);
  });

  it('completes at once when every row is excluded', async () => {
    const ana = t.as();
    const job = await previewOf(ana, 1);
    const [row] = await ana.rows(job.id);
    await ana.ok(
      'mutation($id: ID!, $c: [ImportRowChangeInput!]!) { updateImportRows(jobId: $id, changes: $c) { id } }',
      { id: job.id, c: [{ rowId: row!.id, included: false }] },
    );
    expect((await confirm(ana, job.id)).confirmImport.status).toBe('COMPLETED');
    expect(await chunksOf(job.id)).toEqual([]);
  });

  it("erases the user's jobs, rows, files, mappings and read model on identity.user.deleted", async () => {
    const ana = t.as();
    const bob = t.as();
    await previewOf(ana, 2);
    await previewOf(bob, 1);
    await t.subgraph.messaging.ensureDomainStream('identity');
    await waitForHandled(
      t.subgraph,
      await publishAs(t.subgraph, 'identity.user.deleted', ana.userId, { userId: ana.userId }),
    );
    for (const table of ['import_jobs', 'import_rows', 'files', 'csv_mappings', 'ledger_entries']) {
      expect(await t.query(`select 1 from ${table} where user_id = ?`, [ana.userId])).toEqual([]);
    }
    expect(await t.query('select 1 from import_jobs where user_id = ?', [bob.userId])).toHaveLength(
      1,
    );
  });
});
