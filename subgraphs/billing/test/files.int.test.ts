import { createHash } from 'node:crypto';
import { FileSweeper, ManualClock, newId } from '@saldo/kit';
import { billingFiles } from '../src/files/file.store';
import { startBillingForTest, uploadFile, type TestBilling } from './helpers';

const MiB = 1024 * 1024;

describe('POST /files (the router streams charge files here)', () => {
  let t: TestBilling;
  let filesUrl: string;
  const clock = new ManualClock(new Date('2026-12-01T12:00:00Z'));

  beforeAll(async () => {
    t = await startBillingForTest(
      'billing_files',
      { BILLING_MAX_FILE_BYTES: 3 * MiB, BILLING_FILE_SWEEP_INTERVAL_MS: 0 },
      { clock },
    );
    filesUrl = t.subgraph.url.replace(/graphql$/, 'files');
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('stores the file in 1 MiB chunks owned by the caller and answers 201', async () => {
    const userId = newId();
    const body = Buffer.alloc(2 * MiB + 10, 'a');
    const upload = await uploadFile(filesUrl, userId, body, 'C:\\fakepath\\cobranças.csv');
    expect(upload.status).toBe(201);
    expect(upload.body).toEqual({
      fileId: expect.any(String),
      filename: 'cobranças.csv',
      size: body.length,
      sha256: createHash('sha256').update(body).digest('hex'),
    });
    const fileId = upload.body['fileId'] as string;
    const chunks = await t.query<{ seq: number; bytes: number }>(
      'select seq, length(data) as bytes from billing_file_chunks where file_id = ? order by seq',
      [fileId],
    );
    expect(chunks).toEqual([
      { seq: 0, bytes: MiB },
      { seq: 1, bytes: MiB },
      { seq: 2, bytes: 10 },
    ]);
    const owner = await t.query<{ user_id: string; expires_at: Date }>(
      'select user_id, expires_at from billing_files where id = ?',
      [fileId],
    );
    expect(owner[0]?.user_id).toBe(userId);
    expect(new Date(owner[0]!.expires_at).toISOString()).toBe('2026-12-31T12:00:00.000Z');
  });

  it('reads back byte ranges across chunk boundaries and streams the chunks in order', async () => {
    const userId = newId();
    const body = Buffer.from(
      Array.from({ length: MiB + 5000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join(''),
    );
    const fileId = (await uploadFile(filesUrl, userId, body)).body['fileId'] as string;
    const em = t.subgraph.orm.em.fork();
    const range = await billingFiles.range(em, fileId, MiB - 100, MiB + 100);
    expect(range.equals(body.subarray(MiB - 100, MiB + 100))).toBe(true);
    const parts: Buffer[] = [];
    for await (const part of billingFiles.stream(em, fileId)) parts.push(part);
    expect(Buffer.concat(parts).equals(body)).toBe(true);
    expect(await billingFiles.byId(em, newId(), fileId)).toBeNull();
    expect((await billingFiles.byId(em, userId, fileId))?.size).toBe(body.length);
  });

  it('refuses a file over the cap with 413 JSON and keeps nothing of it', async () => {
    const userId = newId();
    const upload = await uploadFile(filesUrl, userId, Buffer.alloc(3 * MiB + 1, 'b'));
    expect(upload.status).toBe(413);
    expect(JSON.stringify(upload.body)).toMatch(/larger than/);
    expect(await t.query('select id from billing_files where user_id = ?', [userId])).toEqual([]);
  });

  it('refuses an empty file, a caller without billing:write and a request without a token', async () => {
    const userId = newId();
    expect((await uploadFile(filesUrl, userId, Buffer.alloc(0))).status).toBe(400);
    const readOnly = await uploadFile(filesUrl, userId, Buffer.from('x'), 'a.csv', [
      'billing:read',
    ]);
    expect(readOnly.status).toBe(403);
    const importer = await uploadFile(filesUrl, userId, Buffer.from('x'), 'a.csv', [
      'import:write',
    ]);
    expect(importer.status).toBe(403);
    const anonymous = await fetch(filesUrl, { method: 'POST', body: 'x' });
    expect(anonymous.status).toBe(401);
  });

  it('removes files (and their chunks) once their 30 days are over', async () => {
    const userId = newId();
    const fileId = (await uploadFile(filesUrl, userId, Buffer.from('name\n'))).body[
      'fileId'
    ] as string;
    const sweeper = new FileSweeper(t.subgraph.orm, billingFiles, clock, t.subgraph.log);
    expect(await sweeper.runOnce(new Date('2026-12-31T11:59:59Z'))).toBe(0);
    expect(await sweeper.runOnce(new Date('2026-12-31T12:00:00Z'))).toBeGreaterThanOrEqual(1);
    expect(await t.query('select id from billing_files where id = ?', [fileId])).toEqual([]);
    expect(
      await t.query('select seq from billing_file_chunks where file_id = ?', [fileId]),
    ).toEqual([]);
  });
});
