import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  HttpError,
  newId,
  requireScope,
  Scope,
  sendJson,
  type Clock,
  type Handler,
  type SubgraphRuntime,
} from '@saldo/kit';
import { fileRepository } from './file.repository';

/** Parts of at most this many bytes: a file is never one big value in memory or a row. */
const PART_BYTES = 256 * 1024;

export interface FileRouteOptions {
  maxBytes: number;
  ttlDays: number;
  clock: Clock;
}

/** The name the router passes on (`x-filename`, percent-encoded or plain), made safe. */
export function cleanFilename(raw: string | undefined): string {
  let name = raw ?? '';
  try {
    name = decodeURIComponent(name);
  } catch {
    // not percent-encoded: keep as sent
  }
  // Path parts and control characters dropped (browsers send C:\fakepath\...).
  name = [...name.replace(/^.*[\\/]/, '')]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
    .join('')
    .trim();
  return name.slice(0, 255) || 'statement';
}

/** Fails with 413 once more than `maxBytes` arrive (the declared length is checked first). */
async function* capped(req: IncomingMessage, maxBytes: number): AsyncGenerator<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) {
    throw new HttpError(413, `The file is larger than ${maxBytes} bytes`);
  }
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new HttpError(413, `The file is larger than ${maxBytes} bytes`);
    yield chunk;
  }
}

/**
 * `POST /files` (the router's only way in, with the caller's internal token): the body
 * is the file, streamed into `file_parts` inside one transaction, so an aborted or
 * oversized upload leaves nothing. Answers 201 `{ fileId, filename, size, sha256 }`.
 */
export function fileRoute(runtime: SubgraphRuntime, options: FileRouteOptions): Handler {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const caller = await runtime.authenticate(req).catch(() => {
      throw new HttpError(401, 'Unauthenticated');
    });
    let userId: string;
    try {
      userId = requireScope(caller, Scope.IMPORT_WRITE);
    } catch {
      throw new HttpError(caller.userId ? 403 : 401, 'Missing scope import:write');
    }
    const filename = cleanFilename(req.headers['x-filename'] as string | undefined);
    const contentType = req.headers['content-type'] ?? null;
    const now = options.clock.now();
    const id = newId();
    const hash = createHash('sha256');
    let size = 0;
    let sha256 = '';
    try {
      await runtime.orm.em.fork().transactional(async (em) => {
        await fileRepository.insertHeader(em, {
          id,
          userId,
          filename,
          contentType,
          size: 0,
          sha256: ''.padEnd(64, '0'),
          createdAt: now,
          expiresAt: new Date(now.getTime() + options.ttlDays * 86_400_000),
        });
        let pending: Buffer[] = [];
        let pendingBytes = 0;
        let seq = 0;
        // Parts of exactly PART_BYTES (the last one shorter), however the stream is chunked.
        const flush = async (all: boolean) => {
          while (pendingBytes >= PART_BYTES || (all && pendingBytes > 0)) {
            const joined = Buffer.concat(pending);
            const part = joined.subarray(0, PART_BYTES);
            await fileRepository.insertPart(em, id, seq++, part);
            const rest = joined.subarray(part.length);
            pending = rest.length > 0 ? [rest] : [];
            pendingBytes = rest.length;
          }
        };
        for await (const chunk of capped(req, options.maxBytes)) {
          hash.update(chunk);
          size += chunk.length;
          pending.push(chunk);
          pendingBytes += chunk.length;
          if (pendingBytes >= PART_BYTES) await flush(false);
        }
        await flush(true);
        if (size === 0) throw new HttpError(400, 'The file is empty');
        sha256 = hash.digest('hex');
        await fileRepository.finish(em, id, size, sha256);
      });
    } catch (error) {
      if (error instanceof HttpError && error.status === 413) res.setHeader('connection', 'close');
      throw error;
    }
    sendJson(res, 201, { fileId: id, filename, size, sha256 });
  };
}
