import type { IncomingMessage } from 'node:http';
import {
  PassThrough,
  pipeline,
  Transform,
  type Readable,
  type TransformCallback,
} from 'node:stream';
import busboy from 'busboy';
import { Pool } from 'undici';
import { Scope, type Handler, type Logger } from '@saldo/kit';
import type { Authenticator } from './auth/authenticate';
import type { RouterCaller } from './auth/caller';
import type { InternalTokenMinter } from './auth/internal-tokens';
import { authoriseRoute, RouteError, sendError } from './route-errors';

/** Where an upload goes: `POST /uploads?purpose=<name>` (default `import`). */
export interface UploadTarget {
  /** The subgraph's base URL (`http://127.0.0.1:4005`), or null when it is not composed. */
  url: string | null;
  /** The scope the caller must hold (`import:write`, `billing:write`). */
  scope: Scope;
  /** The largest file streamed there (413 above it). */
  maxBytes: number;
}

export type UploadPurpose = 'import' | 'billing';

export interface UploadRouteOptions {
  targets: Record<UploadPurpose, UploadTarget>;
  authenticate: Authenticator;
  mint: InternalTokenMinter;
  rateLimit: (key: string) => void;
  log: Logger;
}

const tooLarge = (max: number) =>
  new RouteError(413, 'PAYLOAD_TOO_LARGE', `The file is larger than ${max} bytes`);

/** Passes bytes through, failing the stream once more than `max` went by. */
class ByteCap extends Transform {
  private seen = 0;
  constructor(private readonly max: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.max) done(tooLarge(this.max));
    else done(null, chunk);
  }
}

/** The caller, who must hold the target's scope; GraphQL auth errors become HTTP ones. */
const authorise = (
  options: UploadRouteOptions,
  target: UploadTarget,
  req: IncomingMessage,
): Promise<RouterCaller> =>
  authoriseRoute(options.authenticate, options.rateLimit, req.headers.authorization, target.scope);

/** `?purpose=` of the request: `import` when absent, 400 when unknown. */
function purposeOf(req: IncomingMessage): UploadPurpose {
  const purpose = new URL(req.url ?? '/', 'http://router').searchParams.get('purpose') ?? 'import';
  if (purpose === 'import' || purpose === 'billing') return purpose;
  throw new RouteError(400, 'BAD_REQUEST', 'purpose must be import or billing');
}

interface FilePart {
  stream: Readable;
  filename: string;
  contentType: string;
}

/** `x-filename` as clients send it: percent-encoded (headers are ASCII), or plain. */
function headerFilename(value: string | string[] | undefined): string {
  const raw = (Array.isArray(value) ? value[0] : value) ?? 'upload';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The one file of a multipart body, or the raw body (`x-filename` names it). */
function filePart(req: IncomingMessage, maxBytes: number): Promise<FilePart> {
  const type = req.headers['content-type'] ?? 'application/octet-stream';
  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    return Promise.resolve({
      stream: req,
      filename: headerFilename(req.headers['x-filename']),
      contentType: type,
    });
  }
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      // Browsers send the part's filename as raw UTF-8.
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { files: 1, fields: 20, parts: 25 },
      });
    } catch {
      reject(new RouteError(400, 'BAD_REQUEST', 'Malformed multipart body'));
      return;
    }
    // The file's bytes go on as they arrive, but its end waits for the end of the form:
    // a second file (or a broken form) aborts the upload before the subgraph commits it.
    const out = new PassThrough();
    // Its failure is read through the pipeline below (it may come before that exists).
    out.on('error', () => undefined);
    let found = false;
    let failure: RouteError | null = null;
    const fail = (error: RouteError) => {
      failure ??= error;
      if (found) out.destroy(failure);
      else reject(failure);
    };
    parser.on('file', (_field, stream, info) => {
      found = true;
      stream.pipe(out, { end: false });
      resolve({ stream: out, filename: info.filename || 'upload', contentType: info.mimeType });
    });
    parser.on('filesLimit', () => fail(new RouteError(400, 'BAD_REQUEST', 'Send one file')));
    parser.on('error', (error: unknown) =>
      fail(
        error instanceof RouteError
          ? error
          : new RouteError(400, 'BAD_REQUEST', 'Malformed multipart body'),
      ),
    );
    parser.on('close', () => {
      if (!found) fail(new RouteError(400, 'BAD_REQUEST', 'The form has no file part'));
      else if (!failure) out.end();
    });
    // Headers and boundaries aside, the body is the file: refuse what cannot fit.
    req
      .pipe(new ByteCap(maxBytes + 64 * 1024))
      .on('error', (e) => parser.destroy(e))
      .pipe(parser);
  });
}

/**
 * `POST /uploads[?purpose=import|billing]`: streams the file to the target subgraph's
 * `POST /files` (import's statements by default, billing's charge files) with the caller's
 * internal token for it (never more than a stream buffer of it in memory here), capped at the
 * target's `maxBytes` (413). Answers what the subgraph answers: 201 `{ fileId, filename, size, sha256 }`.
 */
export function uploadsRoute(options: UploadRouteOptions): {
  handler: Handler;
  close(): Promise<void>;
} {
  const pools = new Map<UploadPurpose, Pool>();
  for (const [purpose, target] of Object.entries(options.targets) as [
    UploadPurpose,
    UploadTarget,
  ][]) {
    if (target.url) pools.set(purpose, new Pool(target.url, { connections: 16 }));
  }
  const handler: Handler = async (req, res) => {
    let maxBytes = options.targets.import.maxBytes;
    try {
      const purpose = purposeOf(req);
      const target = options.targets[purpose];
      maxBytes = target.maxBytes;
      const pool = pools.get(purpose);
      if (!pool) throw new RouteError(503, 'UNAVAILABLE', 'Uploads are not served here');
      const caller = await authorise(options, target, req);
      if (Number(req.headers['content-length'] ?? 0) > maxBytes + 64 * 1024) {
        throw tooLarge(maxBytes);
      }
      const part = await filePart(req, maxBytes);
      // Set from stream callbacks: an object, so the checks below are not narrowed away.
      const cap: { error: Error | null } = { error: null };
      const capped = new ByteCap(maxBytes);
      capped.on('error', (error) => (cap.error = error));
      if (part.stream === req) {
        // Not pipeline(): it would destroy the request, and with it the socket the 413 goes on.
        req.on('error', (error) => capped.destroy(error));
        req.pipe(capped);
      } else {
        pipeline(part.stream, capped, () => undefined);
      }
      const token = await options.mint(purpose, caller);
      const requestId = req.headers['x-request-id'];
      const answer = await pool
        .request({
          path: '/files',
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': part.contentType,
            'x-filename': encodeURIComponent(part.filename),
            ...(typeof requestId === 'string' ? { 'x-request-id': requestId } : {}),
          },
          body: capped,
        })
        .catch((error: unknown) => {
          throw cap.error ?? error;
        });
      const text = await answer.body.text();
      if (cap.error) throw cap.error;
      res.writeHead(answer.statusCode, { 'content-type': 'application/json; charset=utf-8' });
      res.end(text);
    } catch (error) {
      if (!(error instanceof RouteError)) {
        options.log.error({ err: error }, 'upload failed');
        sendError(res, 502, 'INTERNAL_SERVER_ERROR', 'The upload could not be stored', true);
      } else {
        sendError(res, error.status, error.code, error.message, error.status === 413);
      }
      discard(req, maxBytes);
    }
  };
  return {
    handler,
    close: async () => {
      await Promise.all([...pools.values()].map((pool) => pool.close()));
    },
  };
}

/** Reads what the client still sends (so it sees the answer), up to a bound, then hangs up. */
function discard(req: IncomingMessage, bound: number): void {
  if (req.readableEnded) return;
  let extra = 0;
  req.unpipe();
  req.on('data', (chunk: Buffer) => {
    extra += chunk.length;
    if (extra > bound) req.destroy();
  });
  req.resume();
}
