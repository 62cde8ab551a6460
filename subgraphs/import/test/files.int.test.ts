import { createHash } from 'node:crypto';
import { newId } from '@saldo/kit';
import { startImportForTest, type TestImport } from './helpers';

describe('POST /files (the router streams uploads here)', () => {
  let t: TestImport;

  beforeAll(async () => {
    t = await startImportForTest('import_files', { IMPORT_MAX_FILE_BYTES: 600 * 1024 });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('stores the file in parts and answers 201 with its id, name, size and sha256', async () => {
    const ana = t.as();
    const body = Buffer.alloc(300 * 1024, 'a'); // more than one 256 KiB part
    const upload = await ana.upload(body, 'C:\\fakepath\\extrato março.ofx');
    expect(upload.status).toBe(201);
    expect(upload.body).toEqual({
      fileId: expect.any(String),
      filename: 'extrato março.ofx',
      size: body.length,
      sha256: createHash('sha256').update(body).digest('hex'),
    });
    const parts = await t.query<{ n: string; bytes: string }>(
      'select count(*) as n, sum(length(data)) as bytes from file_parts where file_id = ?',
      [upload.body['fileId']],
    );
    expect(parts[0]).toEqual({ n: '2', bytes: String(body.length) });
  });

  it('refuses a file over the cap with 413 JSON and keeps nothing of it', async () => {
    const ana = t.as();
    const upload = await ana.upload(Buffer.alloc(700 * 1024, 'b'));
    expect(upload.status).toBe(413);
    expect(JSON.stringify(upload.body)).toMatch(/larger than/);
    const files = await t.query('select id from files where user_id = ?', [ana.userId]);
    expect(files).toEqual([]);
  });

  it('refuses an empty file, a caller without import:write and a request without a token', async () => {
    const ana = t.as();
    expect((await ana.upload(Buffer.alloc(0))).status).toBe(400);
    expect((await ana.upload(Buffer.from('x'), 'a.ofx', ['import:read'])).status).toBe(403);
    const anonymous = await fetch(t.subgraph.url.replace(/graphql$/, 'files'), {
      method: 'POST',
      body: 'x',
    });
    expect(anonymous.status).toBe(401);
  });

  it("does not let another user's startImport use the file", async () => {
    const fileId = await t.as().fileId(Buffer.from('{"accounts":[]}'));
    const bob = t.as(newId());
    const result = await bob.request(
      'mutation($input: StartImportInput!) { startImport(input: $input) { id } }',
      { input: { fileId, accountId: newId() } },
    );
    expect(result.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
  });
});
