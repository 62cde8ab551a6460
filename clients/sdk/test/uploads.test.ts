import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createSaldoClient, memoryTokenStore, type UploadProgress } from '../src';

// The SDK's side of `POST /uploads` against a local HTTP server that records exactly what
// it sent (raw body + x-filename, 201 {fileId, filename, size, sha256}, 401 without a valid
// token). Against the real router: clients/cli/test/import*.int.test.ts.

interface Received {
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

async function uploadServer(validToken: string) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push({ url: req.url, headers: req.headers, body });
      if (req.headers.authorization !== `Bearer ${validToken}`) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            errors: [{ message: 'expired', extensions: { code: 'UNAUTHENTICATED' } }],
          }),
        );
        return;
      }
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          fileId: 'f-1',
          filename: decodeURIComponent(String(req.headers['x-filename'])),
          size: body.length,
          sha256: createHash('sha256').update(body).digest('hex'),
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const tokens = {
  accessToken: 'good',
  refreshToken: 'r',
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
};

describe('client.uploads.put', () => {
  const dir = mkdtempSync(join(tmpdir(), 'saldo-upload-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('streams a file path with its name, length and progress up to the whole size', async () => {
    const server = await uploadServer('good');
    try {
      const path = join(dir, 'extrato março.ofx');
      const content = Buffer.alloc(300_000, 'x');
      writeFileSync(path, content);
      const progress: UploadProgress[] = [];
      const client = createSaldoClient({
        url: server.url,
        auth: { store: memoryTokenStore(tokens) },
      });
      const file = await client.uploads.put(path, { onProgress: (p) => progress.push(p) });
      expect(file).toEqual({
        fileId: 'f-1',
        filename: 'extrato março.ofx',
        size: 300_000,
        sha256: createHash('sha256').update(content).digest('hex'),
      });
      expect(server.received[0]!.headers['content-length']).toBe('300000');
      expect(progress[0]).toEqual({ sentBytes: 0, totalBytes: 300_000 });
      expect(progress.at(-1)).toEqual({ sentBytes: 300_000, totalBytes: 300_000 });
      expect(progress.length).toBeGreaterThan(2);
    } finally {
      await server.close();
    }
  });

  it("sends a charge file to billing with purpose: 'billing' (no purpose: import)", async () => {
    const server = await uploadServer('good');
    try {
      const client = createSaldoClient({
        url: server.url,
        auth: { store: memoryTokenStore(tokens) },
      });
      const csv = 'name,governmentId,email,debtAmount,debtDueDate,debtId\n';
      await client.uploads.put(new Blob([csv]), { filename: 'c.csv', purpose: 'billing' });
      await client.uploads.put(new Blob([csv]), { filename: 's.ofx' });
      expect(server.received.map((r) => r.url)).toEqual(['/uploads?purpose=billing', '/uploads']);
    } finally {
      await server.close();
    }
  });

  it('sends a Blob and a Node stream (which needs a filename)', async () => {
    const server = await uploadServer('good');
    try {
      const client = createSaldoClient({
        url: server.url,
        auth: { store: memoryTokenStore(tokens) },
      });
      const blob = await client.uploads.put(new Blob(['a;b\n1;2\n']), { filename: 'x.csv' });
      expect(blob).toMatchObject({ filename: 'x.csv', size: 8 });
      const stream = await client.uploads.put(
        Readable.from([Buffer.from('abc'), Buffer.from('de')]),
        {
          filename: 's.qif',
        },
      );
      expect(stream).toMatchObject({ filename: 's.qif', size: 5 });
      await expect(client.uploads.put(Readable.from(['x']))).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'filename',
      });
    } finally {
      await server.close();
    }
  });

  it('answers a refused upload with a typed SaldoError', async () => {
    const server = await uploadServer('another');
    try {
      const client = createSaldoClient({ url: server.url, auth: { apiKey: 'k' } });
      await expect(
        client.uploads.put(new Blob(['x']), { filename: 'a.ofx' }),
      ).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
        status: 401,
      });
    } finally {
      await server.close();
    }
  });
});
