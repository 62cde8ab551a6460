import { newId, query } from '@saldo/kit';
import type { EventData } from '@saldo/events';
import { publishAs, publishedEvents, waitForHandled } from '@saldo/kit/testing';
import { startLedgerForTest, BALANCE_MISMATCHES, type Ledger } from './harness';

type Chunk = EventData<'import.rows.confirmed'>;
type Row = Chunk['rows'][number];

const row = (externalId: string, fields: Partial<Row> = {}): Row => ({
  rowId: newId(),
  date: '2026-03-02',
  amount: { amount: '10.00', currency: 'BRL' },
  kind: 'EXPENSE',
  description: `row ${externalId}`,
  externalId,
  categoryId: null,
  ...fields,
});

describe("the ledger's side of imports (confirmed chunks in, IMPORT entries and answers out)", () => {
  let ledger: Ledger;

  beforeAll(async () => {
    ledger = await startLedgerForTest('ledger_import');
    await ledger.t.subgraph.messaging.ensureDomainStream('import');
  });
  afterAll(async () => {
    await ledger?.stop();
  });

  async function send(userId: string, chunk: Chunk) {
    const event = await publishAs(ledger.t, 'import.rows.confirmed', userId, chunk);
    await waitForHandled(ledger.t, event);
  }

  const answers = async (jobId: string) => ({
    applied: (await publishedEvents(ledger.t, { type: 'ledger.import_chunk.applied' }))
      .map((e) => e.data)
      .filter((d) => d.jobId === jobId),
    rejected: (await publishedEvents(ledger.t, { type: 'ledger.import_chunk.rejected' }))
      .map((e) => e.data)
      .filter((d) => d.jobId === jobId),
  });

  it('books each row once per account, even when a chunk arrives twice under new event ids', async () => {
    const ana = ledger.as();
    const account = await ana.account({ name: 'Corrente', initialBalance: '100.00' });
    const salary = await ana.category('Salário', 'INCOME');
    const jobId = newId();
    const chunk: Chunk = {
      jobId,
      accountId: account.id,
      chunk: 0,
      chunks: 1,
      rows: [
        row('FIT-1'),
        row('FIT-2', {
          kind: 'INCOME',
          amount: { amount: '50.00', currency: 'BRL' },
          categoryId: salary,
        }),
        // An expense category that is not the user's: booked without it.
        row('row:x', { categoryId: newId() }),
      ],
    };
    await send(ana.userId, chunk);
    await send(ana.userId, chunk); // a new event id: the inbox cannot tell, the externalId can
    const entries = await query<{
      external_id: string;
      source: string;
      category_id: string | null;
    }>(
      ledger.em(),
      'select external_id, source, category_id from entries where account_id = ? order by external_id',
      [account.id],
    );
    expect(entries).toEqual([
      { external_id: 'FIT-1', source: 'IMPORT', category_id: null },
      { external_id: 'FIT-2', source: 'IMPORT', category_id: salary },
      { external_id: 'row:x', source: 'IMPORT', category_id: null },
    ]);
    expect(await ana.balance(account.id)).toBe('130.00');
    expect((await answers(jobId)).applied).toEqual([
      { jobId, chunk: 0, created: 3, existing: 0 },
      { jobId, chunk: 0, created: 0, existing: 3 },
    ]);
    expect(await query(ledger.em(), BALANCE_MISMATCHES)).toEqual([]);
  });

  it('lets two accounts hold the same bank id', async () => {
    const ana = ledger.as();
    const a = await ana.account({ name: 'A' });
    const b = await ana.account({ name: 'B' });
    for (const accountId of [a.id, b.id]) {
      await send(ana.userId, {
        jobId: newId(),
        accountId,
        chunk: 0,
        chunks: 1,
        rows: [row('SAME')],
      });
    }
    const rows = await query(ledger.em(), 'select id from entries where external_id = ?', ['SAME']);
    expect(rows).toHaveLength(2);
  });

  it("rejects a chunk for an account that is not the user's, booking nothing", async () => {
    const ana = ledger.as();
    const bob = ledger.as();
    const bobs = await bob.account({ name: 'Bob' });
    const jobId = newId();
    await send(ana.userId, { jobId, accountId: bobs.id, chunk: 0, chunks: 1, rows: [row('F')] });
    const { applied, rejected } = await answers(jobId);
    expect(applied).toEqual([]);
    expect(rejected).toEqual([{ jobId, chunk: 0, code: 'NOT_FOUND', reason: expect.any(String) }]);
    expect(
      await query(ledger.em(), 'select id from entries where account_id = ?', [bobs.id]),
    ).toEqual([]);
  });
});
