import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requireScope } from './auth';
import type { Clock } from './clock';
import type { EntityManager, Orm } from './db';
import { HttpError, sendJson, type Handler } from './http';
import { newId } from './ids';
import type { Logger } from './logger';
import { query, queryOne, toDate } from './sql';
import type { SubgraphRuntime } from './subgraph';

/**
 * Uploaded files stored in PostgreSQL: a header row and the bytes in fixed-size parts
 * (never the whole file as one value in memory or in a row). The tables a subgraph
 * creates in its own migration:
 *
 *   <files> (id uuid pk, user_id uuid, filename text, content_type text, size bigint,
 *            sha256 char(64), created_at timestamptz, expires_at timestamptz)
 *   <parts> (file_id uuid references <files> on delete cascade, seq int, data bytea,
 *            primary key (file_id, seq))
 */
export interface StoredFile {
  id: string;
  userId: string;
  filename: string;
  contentType: string | null;
  size: number;
  sha256: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface FileTables {
  /** Header table name (a trusted identifier, never user input). */
  files: string;
  /** Parts table name. */
  parts: string;
  /** Every part but the last holds exactly this many bytes. */
  partBytes: number;
}

interface FileRow extends Record<string, unknown> {
  id: string;
  user_id: string;
  filename: string;
  content_type: string | null;
  size: string;
  sha256: string;
  created_at: string;
  expires_at: string;
}

const COLUMNS = 'id, user_id, filename, content_type, size, sha256, created_at, expires_at';

const toStoredFile = (r: FileRow): StoredFile => ({
  id: r.id,
  userId: r.user_id,
  filename: r.filename,
  contentType: r.content_type,
  size: Number(r.size),
  sha256: r.sha256,
  createdAt: toDate(r.created_at),
  expiresAt: toDate(r.expires_at),
});

export type FileStore = ReturnType<typeof createFileStore>;

/** SQL for one subgraph's stored files; every read by a user is scoped by user id. */
export function createFileStore(tables: FileTables) {
  const { files, parts, partBytes } = tables;
  return {
    partBytes,

    async insertHeader(em: EntityManager, f: StoredFile): Promise<void> {
      await query(
        em,
        `insert into ${files} (id, user_id, filename, content_type, size, sha256, created_at, expires_at)
         values (?::uuid, ?::uuid, ?, ?, ?, ?, ?::timestamptz, ?::timestamptz)`,
        [
          f.id,
          f.userId,
          f.filename,
          f.contentType,
          f.size,
          f.sha256,
          f.createdAt.toISOString(),
          f.expiresAt.toISOString(),
        ],
      );
    },

    async insertPart(em: EntityManager, fileId: string, seq: number, data: Buffer): Promise<void> {
      await query(em, `insert into ${parts} (file_id, seq, data) values (?::uuid, ?, ?)`, [
        fileId,
        seq,
        // A Buffer binds as bytea: the kit hands anything but arrays to the driver as is.
        data as unknown as string,
      ]);
    },

    async finish(em: EntityManager, id: string, size: number, sha256: string): Promise<void> {
      await query(em, `update ${files} set size = ?, sha256 = ? where id = ?::uuid`, [
        size,
        sha256,
        id,
      ]);
    },

    async byId(em: EntityManager, userId: string, id: string): Promise<StoredFile | null> {
      const row = await queryOne<FileRow>(
        em,
        `select ${COLUMNS} from ${files} where user_id = ?::uuid and id = ?::uuid`,
        [userId, id],
      );
      return row ? toStoredFile(row) : null;
    },

    /** The whole content, parts in order (only for files small enough to hold at once). */
    async content(em: EntityManager, id: string): Promise<Buffer> {
      const rows = await query<{ data: Buffer }>(
        em,
        `select data from ${parts} where file_id = ?::uuid order by seq`,
        [id],
      );
      return Buffer.concat(rows.map((r) => r.data));
    },

    /** The parts in order, one query per part: at most one part in memory at a time. */
    async *stream(em: EntityManager, id: string): AsyncGenerator<Buffer> {
      for (let seq = 0; ; seq++) {
        const row = await queryOne<{ data: Buffer }>(
          em,
          `select data from ${parts} where file_id = ?::uuid and seq = ?`,
          [id, seq],
        );
        if (!row) return;
        yield row.data;
      }
    },

    /** Bytes `[start, end)` of the file, read from the parts that hold them. */
    async range(em: EntityManager, id: string, start: number, end: number): Promise<Buffer> {
      if (end <= start) return Buffer.alloc(0);
      const first = Math.floor(start / partBytes);
      const last = Math.floor((end - 1) / partBytes);
      const rows = await query<{ data: Buffer }>(
        em,
        `select data from ${parts} where file_id = ?::uuid and seq between ? and ? order by seq`,
        [id, first, last],
      );
      const joined = Buffer.concat(rows.map((r) => r.data));
      const offset = first * partBytes;
      return joined.subarray(start - offset, end - offset);
    },

    async remove(em: EntityManager, id: string): Promise<void> {
      await query(em, `delete from ${files} where id = ?::uuid`, [id]);
    },

    /** Removes expired files (their parts go with them). */
    async removeExpired(em: EntityManager, now: Date): Promise<number> {
      const rows = await query<{ id: string }>(
        em,
        `delete from ${files} where expires_at <= ?::timestamptz returning id`,
        [now.toISOString()],
      );
      return rows.length;
    },
  };
}

/** The name the router passes on (`x-filename`, percent-encoded or plain), made safe. */
export function cleanFilename(raw: string | undefined, fallback = 'upload'): string {
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
  return name.slice(0, 255) || fallback;
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

export interface FileUploadRouteOptions {
  store: FileStore;
  /** The scope the caller's internal token must hold (`import:write`, `billing:write`). */
  scope: string;
  maxBytes: number;
  ttlDays: number;
  clock: Clock;
  /** The filename when none is sent. */
  defaultFilename?: string;
}

/**
 * `POST /files` (the router's only way in, with the caller's internal token): the body
 * is the file, streamed into parts inside one transaction, so an aborted or oversized
 * upload leaves nothing. Answers 201 `{ fileId, filename, size, sha256 }`.
 */
export function fileUploadRoute(
  runtime: SubgraphRuntime,
  options: FileUploadRouteOptions,
): Handler {
  const { store } = options;
  return async (req: IncomingMessage, res: ServerResponse) => {
    const caller = await runtime.authenticate(req).catch(() => {
      throw new HttpError(401, 'Unauthenticated');
    });
    let userId: string;
    try {
      userId = requireScope(caller, options.scope);
    } catch {
      throw new HttpError(caller.userId ? 403 : 401, `Missing scope ${options.scope}`);
    }
    const filename = cleanFilename(
      req.headers['x-filename'] as string | undefined,
      options.defaultFilename,
    );
    const contentType = req.headers['content-type'] ?? null;
    const now = options.clock.now();
    const id = newId();
    const hash = createHash('sha256');
    let size = 0;
    let sha256 = '';
    try {
      await runtime.orm.em.fork().transactional(async (em) => {
        await store.insertHeader(em, {
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
        // Parts of exactly partBytes (the last one shorter), however the stream is chunked.
        const flush = async (all: boolean) => {
          while (pendingBytes >= store.partBytes || (all && pendingBytes > 0)) {
            const joined = Buffer.concat(pending);
            const part = joined.subarray(0, store.partBytes);
            await store.insertPart(em, id, seq++, part);
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
          if (pendingBytes >= store.partBytes) await flush(false);
        }
        await flush(true);
        if (size === 0) throw new HttpError(400, 'The file is empty');
        sha256 = hash.digest('hex');
        await store.finish(em, id, size, sha256);
      });
    } catch (error) {
      if (error instanceof HttpError && error.status === 413) res.setHeader('connection', 'close');
      throw error;
    }
    sendJson(res, 201, { fileId: id, filename, size, sha256 });
  };
}

/** Removes files past their time to live, on an interval. */
export class FileSweeper {
  constructor(
    private readonly orm: Orm,
    private readonly store: FileStore,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  async runOnce(now = this.clock.now()): Promise<number> {
    const removed = await this.store.removeExpired(this.orm.em.fork(), now);
    if (removed > 0) this.log.info({ removed }, 'expired files removed');
    return removed;
  }

  start(intervalMs: number): () => Promise<void> {
    let running: Promise<unknown> = Promise.resolve();
    const timer = setInterval(() => {
      running = this.runOnce().catch((err: unknown) =>
        this.log.error({ err }, 'file sweep failed'),
      );
    }, intervalMs);
    timer.unref();
    return async () => {
      clearInterval(timer);
      await running;
    };
  }
}
