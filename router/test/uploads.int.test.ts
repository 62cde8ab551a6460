import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { waitFor } from '@saldo/kit/testing';
import { startImport } from '@saldo/import/src/app';
import type { ImportConfig } from '@saldo/import/src/config';
import { fakeParse, statement } from '@saldo/import/test/fake-parser';
import { registerUser, subscribed, useStack, type Stack } from './harness';

const CAP = 300_000;

interface Upload {
  status: number;
  body: Record<string, unknown>;
}

async function post(
  stack: Stack,
  authorization: string | null,
  body: NonNullable<RequestInit['body']>,
  headers: Record<string, string> = {},
): Promise<Upload> {
  const response = await fetch(stack.router.url.replace(/\/graphql$/, '/uploads'), {
    method: 'POST',
    headers: { ...(authorization ? { authorization } : {}), ...headers },
    body,
    duplex: 'half',
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const filesOf = async (stack: Stack, userId: string) =>
  stack.subgraphs['import']!.query('select filename, size from files where user_id = ?', [userId]);

describe('POST /uploads and the import end to end through the router', () => {
  const stack = useStack({
    subgraphs: ['identity', 'ledger', 'import'],
    start: {
      // The parsers are tested on their own; here a statement is JSON the test writes.
      import: (config: ImportConfig, database: string) =>
        startImport({ ...config, IMPORT_CHUNK_ROWS: 2 }, database, { parse: fakeParse }),
    },
    router: { UPLOAD_MAX_BYTES: String(CAP) },
  });

  it('streams a raw body to the import subgraph and answers 201 with id, name, size, sha256', async () => {
    const ana = await registerUser(stack().client, 'ana');
    const body = Buffer.alloc(200_000, 'x');
    const upload = await post(stack(), `Bearer ${ana.accessToken}`, body, {
      'x-filename': 'extrato.ofx',
      'content-type': 'application/x-ofx',
    });
    expect(upload).toEqual({
      status: 201,
      body: {
        fileId: expect.any(String),
        filename: 'extrato.ofx',
        size: body.length,
        sha256: createHash('sha256').update(body).digest('hex'),
      },
    });
  });

  it('decodes a percent-encoded x-filename once (as the SDK sends it)', async () => {
    const ana = await registerUser(stack().client, 'ana');
    const upload = await post(stack(), `Bearer ${ana.accessToken}`, Buffer.from('OFXHEADER'), {
      'x-filename': encodeURIComponent('extrato bradesco março.ofx'),
      'content-type': 'application/x-ofx',
    });
    expect(upload.body).toMatchObject({ filename: 'extrato bradesco março.ofx' });
  });

  it('takes multipart/form-data with one file part', async () => {
    const ana = await registerUser(stack().client, 'ana');
    const form = new FormData();
    form.append('note', 'ignored');
    form.append('file', new Blob(['a;b\n1;2\n']), 'nubank março.csv');
    const upload = await post(stack(), `Bearer ${ana.accessToken}`, form);
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ filename: 'nubank março.csv', size: 8 });
    const two = new FormData();
    two.append('a', new Blob(['1']), 'a.csv');
    two.append('b', new Blob(['2']), 'b.csv');
    expect((await post(stack(), `Bearer ${ana.accessToken}`, two)).status).toBe(400);
  });

  it('answers 413 JSON over the cap, declared or streamed, and stores nothing', async () => {
    const ana = await registerUser(stack().client, 'ana');
    const declared = await post(stack(), `Bearer ${ana.accessToken}`, Buffer.alloc(CAP + 100_000));
    expect(declared.status).toBe(413);
    expect(declared.body).toEqual({
      errors: [
        {
          message: `The file is larger than ${CAP} bytes`,
          extensions: { code: 'PAYLOAD_TOO_LARGE' },
        },
      ],
    });
    // Chunked, no length: the router counts and stops it on the way.
    const chunks = Array.from({ length: 8 }, () => Buffer.alloc(50_000, 'y'));
    const streamed = await post(
      stack(),
      `Bearer ${ana.accessToken}`,
      Readable.toWeb(Readable.from(chunks)) as ReadableStream,
    );
    expect(streamed.status).toBe(413);
    await waitFor(async () => (await filesOf(stack(), ana.user.id)).length === 0);
    expect(await filesOf(stack(), ana.user.id)).toEqual([]);
  });

  it('needs a caller with import:write: no credential 401, a key without it 403, with it 201', async () => {
    const ana = await registerUser(stack().client, 'ana');
    expect((await post(stack(), null, 'x')).status).toBe(401);
    expect((await post(stack(), 'Bearer nonsense', 'x')).status).toBe(401);
    const key = async (scopes: string[]) =>
      (
        await ana.client.ok<{ createApiKey: { secret: string } }>(
          'mutation($s: [String!]!) { createApiKey(name: "erp", scopes: $s) { secret } }',
          { s: scopes },
        )
      ).createApiKey.secret;
    expect((await post(stack(), `ApiKey ${await key(['ledger:read'])}`, 'x')).status).toBe(403);
    expect((await post(stack(), `ApiKey ${await key(['import:write'])}`, 'x')).status).toBe(201);
  });

  it('imports a statement into the ledger exactly once, with live updates, then sees it as duplicates', async () => {
    const ana = await registerUser(stack().client, 'ana');
    const account = await ana.client.ok<{ createAccount: { id: string } }>(
      'mutation { createAccount(input: { name: "Corrente", type: CHECKING, currency: "BRL" }) { id } }',
    );
    const accountId = account.createAccount.id;
    const file = statement({
      accounts: [
        {
          id: '001/1/2',
          rows: [
            { date: '2026-03-01', amount: '1000.00', description: 'SALARIO', externalId: 'F1' },
            { date: '2026-03-02', amount: '-12.50', description: 'PADARIA', externalId: 'F2' },
            { date: '2026-03-03', amount: '-40.00', description: 'POSTO', externalId: 'F3' },
          ],
        },
      ],
    });
    const start = async () => {
      const upload = await post(stack(), `Bearer ${ana.accessToken}`, file, {
        'x-filename': 's.ofx',
      });
      return ana.client.ok<{
        startImport: { id: string; status: string; totals: Record<string, number> };
      }>(
        'mutation($i: StartImportInput!) { startImport(input: $i) { id status totals { rows new duplicates } } }',
        { i: { fileId: upload.body['fileId'], accountId } },
      );
    };
    const { startImport: job } = await start();
    expect(job).toMatchObject({ status: 'PREVIEW', totals: { rows: 3, new: 3, duplicates: 0 } });

    const live = stack().live(`Bearer ${ana.accessToken}`);
    const sub = await subscribed(stack().router, 1, () =>
      live.subscribe(
        'subscription($id: ID) { importJobUpdated(jobId: $id) { jobId status progress totals { imported } job { filename } } }',
        { id: job.id },
      ),
    );
    const confirm = 'mutation($id: ID!) { confirmImport(jobId: $id) { status } }';
    await ana.client.ok(confirm, { id: job.id });
    await ana.client.ok(confirm, { id: job.id });
    const done = await waitFor(
      () =>
        sub.received.find(
          (p) => (p['importJobUpdated'] as { status: string }).status === 'COMPLETED',
        ),
      { timeoutMs: 20_000, what: 'COMPLETED pushed' },
    );
    expect(done['importJobUpdated']).toEqual({
      jobId: job.id,
      status: 'COMPLETED',
      progress: 1,
      totals: { imported: 3 },
      job: { filename: 's.ofx' },
    });
    const entries = await ana.client.ok<{
      entries: { edges: { node: { externalId: string; source: string } }[] };
    }>(
      'query($a: ID!) { entries(first: 50, filter: { accountId: $a }) { edges { node { externalId source } } } }',
      { a: accountId },
    );
    expect(entries.entries.edges.map((e) => e.node.externalId).sort()).toEqual(['F1', 'F2', 'F3']);
    const balance = await ana.client.ok<{ account: { balance: { amount: string } } }>(
      'query($a: ID!) { account(id: $a) { balance { amount } } }',
      { a: accountId },
    );
    expect(balance.account.balance.amount).toBe('947.50');

    // The import's read model learns the new entries from the ledger's events.
    const again = await waitFor(
      async () => {
        const { startImport: j } = await start();
        return j.totals['duplicates'] === 3 && j;
      },
      { timeoutMs: 20_000, what: 'a re-import seen as duplicates' },
    );
    expect(again.totals).toEqual({ rows: 3, new: 0, duplicates: 3 });
  });
});

describe('POST /uploads?purpose=billing streams charge files to billing', () => {
  const BILLING_CAP = 200_000;
  const stack = useStack({
    subgraphs: ['identity', 'import', 'billing'],
    start: {
      import: (config: ImportConfig, database: string) =>
        startImport(config, database, { parse: fakeParse }),
    },
    router: { UPLOAD_MAX_BYTES: String(CAP), BILLING_UPLOAD_MAX_BYTES: String(BILLING_CAP) },
  });
  const billingFiles = (userId: string) =>
    stack().subgraphs['billing']!.query(
      'select filename, size from billing_files where user_id = ?',
      [userId],
    );
  const url = (purpose: string) => `/uploads?purpose=${purpose}`;
  const postTo = async (
    path: string,
    authorization: string | null,
    body: NonNullable<RequestInit['body']>,
    headers: Record<string, string> = {},
  ): Promise<Upload> => {
    const response = await fetch(stack().router.url.replace(/\/graphql$/, path), {
      method: 'POST',
      headers: { ...(authorization ? { authorization } : {}), ...headers },
      body,
      duplex: 'half',
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('stores the file in billing (not import) and answers 201 with id, name, size, sha256', async () => {
    const ana = await registerUser(stack().client, 'ana');
    const body = Buffer.from('name,governmentId,email,debtAmount,debtDueDate,debtId\n');
    const upload = await postTo(url('billing'), `Bearer ${ana.accessToken}`, body, {
      'x-filename': encodeURIComponent('cobranças.csv'),
      'content-type': 'text/csv',
    });
    expect(upload).toEqual({
      status: 201,
      body: {
        fileId: expect.any(String),
        filename: 'cobranças.csv',
        size: body.length,
        sha256: createHash('sha256').update(body).digest('hex'),
      },
    });
    expect(await billingFiles(ana.user.id)).toEqual([
      { filename: 'cobranças.csv', size: String(body.length) },
    ]);
    expect(await filesOf(stack(), ana.user.id)).toEqual([]);
    // Without a purpose the file still goes to import.
    const plain = await postTo('/uploads', `Bearer ${ana.accessToken}`, Buffer.from('x'), {
      'x-filename': 's.ofx',
    });
    expect(plain.status).toBe(201);
    expect(await filesOf(stack(), ana.user.id)).toEqual([{ filename: 's.ofx', size: '1' }]);
    expect(await billingFiles(ana.user.id)).toHaveLength(1);
  });

  it("applies billing's own cap (413 JSON) and refuses an unknown purpose", async () => {
    const ana = await registerUser(stack().client, 'ana');
    // Over billing's cap, under import's: billing's cap is the one applied.
    const over = await postTo(
      url('billing'),
      `Bearer ${ana.accessToken}`,
      Buffer.alloc(BILLING_CAP + 70_000),
    );
    expect(over.status).toBe(413);
    expect(over.body).toEqual({
      errors: [
        {
          message: `The file is larger than ${BILLING_CAP} bytes`,
          extensions: { code: 'PAYLOAD_TOO_LARGE' },
        },
      ],
    });
    const chunks = Array.from({ length: 6 }, () => Buffer.alloc(50_000, 'y'));
    const streamed = await postTo(
      url('billing'),
      `Bearer ${ana.accessToken}`,
      Readable.toWeb(Readable.from(chunks)) as ReadableStream,
    );
    expect(streamed.status).toBe(413);
    await waitFor(async () => (await billingFiles(ana.user.id)).length === 0);
    const unknown = await postTo(url('ledger'), `Bearer ${ana.accessToken}`, 'x');
    expect(unknown.status).toBe(400);
  });

  it('needs billing:write for billing: no credential 401, import:write only 403, with it 201', async () => {
    const ana = await registerUser(stack().client, 'ana');
    expect((await postTo(url('billing'), null, 'x')).status).toBe(401);
    const key = async (scopes: string[]) =>
      (
        await ana.client.ok<{ createApiKey: { secret: string } }>(
          'mutation($s: [String!]!) { createApiKey(name: "erp", scopes: $s) { secret } }',
          { s: scopes },
        )
      ).createApiKey.secret;
    const importOnly = `ApiKey ${await key(['import:write'])}`;
    expect((await postTo(url('billing'), importOnly, 'x')).status).toBe(403);
    expect((await postTo('/uploads', importOnly, 'x')).status).toBe(201);
    const billing = `ApiKey ${await key(['billing:write'])}`;
    expect((await postTo(url('billing'), billing, 'x')).status).toBe(201);
    expect((await postTo('/uploads', billing, 'x')).status).toBe(403);
  });
});
