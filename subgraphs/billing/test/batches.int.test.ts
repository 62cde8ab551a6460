import { errorCode, publishedEvents, testBaseConfig, waitFor } from '@saldo/kit/testing';
import { startBilling, type BillingSubgraph } from '../src/app';
import type { BillingConfig } from '../src/config';
import {
  LINK_SECRET,
  PUBLIC_URL,
  startBillingForTest,
  uploadFile,
  type Api,
  type TestBilling,
} from './helpers';

const HEADER = 'name,governmentId,email,debtAmount,debtDueDate,debtId';
// Line numbers: the header is line 1.
const SMALL = [
  HEADER,
  'Maria da Silva,529.982.247-25,maria@example.com,150.75,2027-01-10,D-1', // 2 ok
  'Bad Cpf,123.456.789-00,bad@example.com,10.00,2027-01-10,D-2', // 3 governmentId
  'Bad Email,529.982.247-25,not-an-email,10.00,2027-01-10,D-3', // 4 email
  'Bad Amount,529.982.247-25,amount@example.com,12.345,2027-01-10,D-4', // 5 debtAmount
  'Bad Date,529.982.247-25,date@example.com,10.00,2027-02-30,D-5', // 6 debtDueDate
  'Maria de Novo,529.982.247-25,maria2@example.com,99.90,2027-01-10,D-1', // 7 duplicate of 2
  'João Souza,111.444.777-35,joao@example.com,"1.234,56",15/02/2027,D-7', // 8 ok
  '',
].join('\n');

const BATCH = `id filename status failure startedAt finishedAt progress
  totals { rows accepted duplicates invalid issued sent failed }
  errors(first: 50) { edges { node { line field message } } }`;

interface BatchData {
  id: string;
  status: string;
  failure: string | null;
  progress: number;
  totals: Record<string, number>;
  errors: { edges: { node: { line: number; field: string; message: string } }[] };
}

let b: TestBilling;
let filesUrl: string;

beforeAll(async () => {
  b = await startBillingForTest('billing_batches', { BILLING_CHUNK_ROWS: 3 });
  filesUrl = b.subgraph.url.replace(/graphql$/, 'files');
});
afterAll(() => b.stop());

async function upload(api: Api, body: string, name = 'cobrancas.csv'): Promise<string> {
  const r = await uploadFile(filesUrl, api.userId, Buffer.from(body), name);
  expect(r.status).toBe(201);
  return r.body['fileId'] as string;
}

async function importFile(api: Api, fileId: string) {
  return api.request<{ importCharges: BatchData }>(
    `mutation($id: ID!) { importCharges(fileId: $id) { ${BATCH} } }`,
    { id: fileId },
  );
}

async function finished(api: Api, id: string): Promise<BatchData> {
  return waitFor(
    async () => {
      const r = await api.ok<{ chargeBatch: BatchData }>(
        `query($id: ID!) { chargeBatch(id: $id) { ${BATCH} } }`,
        { id },
      );
      return ['COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED'].includes(r.chargeBatch.status)
        ? r.chargeBatch
        : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 100, what: 'the batch to finish' },
  );
}

describe('importCharges', () => {
  it('refuses until the profile is complete, and refuses a file that is not yours', async () => {
    const api = b.as();
    const fileId = await upload(api, SMALL);
    const incomplete = await importFile(api, fileId);
    expect(errorCode(incomplete)).toBe('INVALID_STATE');
    expect(incomplete.errors?.[0]?.extensions?.['reason']).toBe('BILLING_PROFILE_INCOMPLETE');
    const other = await b.beneficiary();
    expect(errorCode(await importFile(other, fileId))).toBe('NOT_FOUND');
    expect(errorCode(await importFile(other, 'nope'))).toBe('BAD_USER_INPUT');
  });

  it('counts valid, invalid and duplicate rows, with each error on its line and field', async () => {
    const api = await b.beneficiary();
    const started = await importFile(api, await upload(api, SMALL));
    expect(started.data?.importCharges.status).toBe('RECEIVED');
    const batch = await finished(api, started.data!.importCharges.id);
    expect(batch.status).toBe('COMPLETED_WITH_ERRORS');
    expect(batch.progress).toBe(1);
    expect(batch.totals).toEqual({
      rows: 7,
      accepted: 2,
      duplicates: 1,
      invalid: 4,
      issued: 2,
      sent: 0,
      failed: 0,
    });
    expect(batch.errors.edges.map((e) => [e.node.line, e.node.field])).toEqual([
      [3, 'governmentId'],
      [4, 'email'],
      [5, 'debtAmount'],
      [6, 'debtDueDate'],
    ]);
    const charges = await api.list({ batchId: batch.id });
    expect(charges.edges.map((e) => e.node.debtId).sort()).toEqual(['D-1', 'D-7']);
    const maria = charges.edges.find((e) => e.node.debtId === 'D-1')!.node;
    // Lines 2 and 7 are in different chunks, processed in parallel: one of them wins.
    expect(maria.status).toBe('ISSUED');
    expect(['150.75', '99.90']).toContain(maria.amount.amount);
    expect(maria.boleto?.digitableLine).toMatch(/^\d{47}$/);
    expect(maria.pix?.brCode).toContain(maria.amount.amount);
    const one = await api.ok<{ charge: { batch: { id: string; filename: string } | null } }>(
      'query($id: ID!) { charge(id: $id) { batch { id filename } } }',
      { id: maria.id },
    );
    expect(one.charge.batch).toEqual({ id: batch.id, filename: 'cobrancas.csv' });

    const emails = (await publishedEvents(b.t, { type: 'billing.charge_emails.requested' }))
      .filter((e) => e.userId === api.userId)
      .flatMap((e) => e.data.charges.map((c) => c.debtId));
    expect(emails.sort()).toEqual(['D-1', 'D-7']);
  });

  it('keeps two users apart: batches, charges and errors', async () => {
    const ana = await b.beneficiary();
    const bia = await b.beneficiary();
    const batch = await finished(
      ana,
      (await importFile(ana, await upload(ana, SMALL))).data!.importCharges.id,
    );
    const seen = await bia.request(`query($id: ID!) { chargeBatch(id: $id) { id } }`, {
      id: batch.id,
    });
    expect(errorCode(seen)).toBe('NOT_FOUND');
    expect((await bia.list({ batchId: batch.id })).edges).toEqual([]);
    const list = await bia.ok<{ chargeBatches: { edges: unknown[] } }>(
      '{ chargeBatches(first: 10) { edges { node { id } } } }',
    );
    expect(list.chargeBatches.edges).toEqual([]);
    const mine = await ana.ok<{ chargeBatches: { edges: { node: { id: string } }[] } }>(
      '{ chargeBatches(first: 10) { edges { node { id } } } }',
    );
    expect(mine.chargeBatches.edges.map((e) => e.node.id)).toEqual([batch.id]);
  });

  it('imports the same file twice without a second charge or email', async () => {
    const api = await b.beneficiary();
    const fileId = await upload(api, SMALL);
    const first = await finished(api, (await importFile(api, fileId)).data!.importCharges.id);
    const second = await finished(api, (await importFile(api, fileId)).data!.importCharges.id);
    expect(first.totals['accepted']).toBe(2);
    expect(second.totals).toMatchObject({ rows: 7, accepted: 0, duplicates: 3, invalid: 4 });
    expect((await api.list()).edges).toHaveLength(2);
    const emails = (await publishedEvents(b.t, { type: 'billing.charge_emails.requested' })).filter(
      (e) => e.userId === api.userId,
    );
    expect(emails.flatMap((e) => e.data.charges)).toHaveLength(2);
  });

  it('counts delivery outcomes in the totals: sent once, failed until resent', async () => {
    const api = await b.beneficiary();
    const batch = await finished(
      api,
      (await importFile(api, await upload(api, SMALL))).data!.importCharges.id,
    );
    const charges = (await api.list({ batchId: batch.id })).edges.map((e) => e.node);
    const [ok, bad] = charges;
    const at = '2026-12-04T10:00:00.000Z';
    const results = [
      { chargeId: ok!.id, attempt: 1, outcome: 'SENT' as const, reason: null, at },
      { chargeId: bad!.id, attempt: 1, outcome: 'FAILED' as const, reason: 'mailbox full', at },
    ];
    await b.publish('notifications.charge_emails.delivered', api.userId, { results });
    await b.publish('notifications.charge_emails.delivered', api.userId, { results });
    const after = await finished(api, batch.id);
    expect(after.totals).toMatchObject({ issued: 2, sent: 1, failed: 1 });
    await api.mutate('resendCharge', bad!.id);
    await b.publish('notifications.charge_emails.delivered', api.userId, {
      results: [{ chargeId: bad!.id, attempt: 2, outcome: 'SENT', reason: null, at }],
    });
    expect((await finished(api, batch.id)).totals).toMatchObject({ sent: 2, failed: 0 });
  });

  it('fails a file it cannot read with the reason', async () => {
    const api = await b.beneficiary();
    const fileId = await upload(api, 'nome,valor\nMaria,10\n');
    const batch = await finished(api, (await importFile(api, fileId)).data!.importCharges.id);
    expect(batch.status).toBe('FAILED');
    expect(batch.failure).toMatch(/header/);
  });
});

describe('two worker replicas on the same stream', () => {
  let second: BillingSubgraph;

  beforeAll(async () => {
    // Same database and NATS namespace as the first replica: the same durable consumers.
    const config = {
      ...testBaseConfig(b.t.namespace),
      BILLING_LINK_SECRET: LINK_SECRET,
      BILLING_PUBLIC_URL: PUBLIC_URL,
      BILLING_CHUNK_ROWS: 3,
    } as BillingConfig;
    second = await startBilling(config, b.t.database);
  });
  afterAll(async () => {
    await second?.stop();
  });

  it('share the chunks of one batch and process every row once', async () => {
    const api = await b.beneficiary();
    const rows = 300;
    const lines = [HEADER];
    for (let i = 0; i < rows; i++)
      lines.push(`Pagador ${i},529.982.247-25,p${i}@example.com,1${i}.00,2027-03-01,R-${i}`);
    const batch = await finished(
      api,
      (await importFile(api, await upload(api, lines.join('\n')))).data!.importCharges.id,
    );
    expect(batch.totals).toMatchObject({ rows, accepted: rows, duplicates: 0, invalid: 0 });
    const stored = await b.query<{ charges: string; lines: string }>(
      `select count(*) as charges, count(distinct line) as lines from charges where batch_id = ?`,
      [batch.id],
    );
    expect(stored[0]).toEqual({ charges: String(rows), lines: String(rows) });
    const byConsumer = await b.query<{ n: string }>(
      `select count(*) as n from kit_inbox where consumer = 'billing-chunks'`,
    );
    expect(Number(byConsumer[0]!.n)).toBeGreaterThanOrEqual(rows / 3);
    const emailed = (await publishedEvents(b.t, { type: 'billing.charge_emails.requested' }))
      .filter((e) => e.userId === api.userId)
      .flatMap((e) => e.data.charges.map((c) => c.chargeId));
    expect(new Set(emailed).size).toBe(rows);
    expect(emailed).toHaveLength(rows);
  }, 60_000);
});
