import { query, queryOne, toDate, type EntityManager, type PageRequest } from '@saldo/kit';
import type { ChargeCsvDialect, RowError } from '../domain';

export type BatchStatus =
  'RECEIVED' | 'PROCESSING' | 'COMPLETED' | 'COMPLETED_WITH_ERRORS' | 'FAILED';

export interface BatchTotals {
  rows: number;
  accepted: number;
  duplicates: number;
  invalid: number;
  issued: number;
  sent: number;
  failed: number;
}

export interface BatchRecord {
  id: string;
  userId: string;
  fileId: string | null;
  filename: string;
  status: BatchStatus;
  dialect: ChargeCsvDialect | null;
  chunks: number | null;
  chunksDone: number;
  totals: BatchTotals;
  failure: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

interface BatchRow {
  id: string;
  user_id: string;
  file_id: string | null;
  filename: string;
  status: BatchStatus;
  dialect: ChargeCsvDialect | null;
  chunks: number | null;
  chunks_done: number;
  rows: number;
  accepted: number;
  duplicates: number;
  invalid: number;
  sent: number;
  failed: number;
  failure: string | null;
  created_at: string | Date;
  started_at: string | Date | null;
  finished_at: string | Date | null;
}

export interface BatchErrorRecord {
  line: number;
  idx: number;
  field: string;
  message: string;
}

export interface ChunkCounts {
  rows: number;
  accepted: number;
  duplicates: number;
  invalid: number;
}

const COLUMNS = `id, user_id, file_id, filename, status, dialect, chunks, chunks_done, rows,
  accepted, duplicates, invalid, sent, failed, failure, created_at, started_at, finished_at`;

const maybeDate = (v: string | Date | null) => (v === null ? null : toDate(v));

function toBatch(r: BatchRow): BatchRecord {
  return {
    id: r.id,
    userId: r.user_id,
    fileId: r.file_id,
    filename: r.filename,
    status: r.status,
    dialect: r.dialect,
    chunks: r.chunks,
    chunksDone: r.chunks_done,
    // Every accepted row is issued at once (boleto + PIX in the same transaction).
    totals: {
      rows: r.rows,
      accepted: r.accepted,
      duplicates: r.duplicates,
      invalid: r.invalid,
      issued: r.accepted,
      sent: r.sent,
      failed: r.failed,
    },
    failure: r.failure,
    createdAt: toDate(r.created_at),
    startedAt: maybeDate(r.started_at),
    finishedAt: maybeDate(r.finished_at),
  };
}

const one = (row: BatchRow | undefined) => (row ? toBatch(row) : null);

/** SQL for charge batches; reads on behalf of a user are scoped by their id. */
export const batchRepository = {
  async insert(
    em: EntityManager,
    b: { id: string; userId: string; fileId: string; filename: string },
  ): Promise<BatchRecord> {
    const row = await queryOne<BatchRow>(
      em,
      `insert into charge_batches (id, user_id, file_id, filename, status)
       values (?::uuid, ?::uuid, ?::uuid, ?, 'RECEIVED') returning ${COLUMNS}`,
      [b.id, b.userId, b.fileId, b.filename],
    );
    return toBatch(row!);
  },

  async get(em: EntityManager, userId: string, id: string): Promise<BatchRecord | null> {
    return one(
      await queryOne<BatchRow>(
        em,
        `select ${COLUMNS} from charge_batches where id = ?::uuid and user_id = ?::uuid`,
        [id, userId],
      ),
    );
  },

  async byIds(em: EntityManager, userId: string, ids: readonly string[]): Promise<BatchRecord[]> {
    const rows = await query<BatchRow>(
      em,
      `select ${COLUMNS} from charge_batches where user_id = ?::uuid and id = any(?::uuid[])`,
      [userId, ids],
    );
    return rows.map(toBatch);
  },

  /** Newest first (UUIDv7 ids), keyset on id. */
  async page(em: EntityManager, userId: string, request: PageRequest): Promise<BatchRecord[]> {
    const after = request.after ? String(request.after[0]) : null;
    const rows = await query<BatchRow>(
      em,
      `select ${COLUMNS} from charge_batches
        where user_id = ?::uuid and (?::uuid is null or id < ?::uuid)
        order by id desc limit ?`,
      [userId, after, after, request.limit],
    );
    return rows.map(toBatch);
  },

  /** For a worker: the batch an event names (the event's user is checked by the caller). */
  async forWork(em: EntityManager, id: string): Promise<BatchRecord | null> {
    return one(
      await queryOne<BatchRow>(em, `select ${COLUMNS} from charge_batches where id = ?::uuid`, [
        id,
      ]),
    );
  },

  /** Split done: PROCESSING with its chunk count and dialect (COMPLETED at once with none). */
  async planned(
    em: EntityManager,
    id: string,
    dialect: ChargeCsvDialect,
    chunks: number,
  ): Promise<BatchRecord> {
    const row = await queryOne<BatchRow>(
      em,
      `update charge_batches set dialect = ?::jsonb, chunks = ?,
         status = case when ? = 0 then 'COMPLETED' else 'PROCESSING' end,
         started_at = coalesce(started_at, now()),
         finished_at = case when ? = 0 then now() else null end, updated_at = now()
       where id = ?::uuid returning ${COLUMNS}`,
      [JSON.stringify(dialect), chunks, chunks, chunks, id],
    );
    return toBatch(row!);
  },

  async fail(em: EntityManager, id: string, failure: string): Promise<BatchRecord> {
    const row = await queryOne<BatchRow>(
      em,
      `update charge_batches set status = 'FAILED', failure = ?,
         started_at = coalesce(started_at, now()), finished_at = now(), updated_at = now()
       where id = ?::uuid returning ${COLUMNS}`,
      [failure.slice(0, 1000), id],
    );
    return toBatch(row!);
  },

  async chunkDone(em: EntityManager, batchId: string, chunk: number): Promise<boolean> {
    const row = await queryOne(
      em,
      'select 1 from charge_batch_chunks where batch_id = ?::uuid and chunk = ?',
      [batchId, chunk],
    );
    return row !== undefined;
  },

  /**
   * Records a chunk once (null if it already was) and adds its counts; the last chunk
   * finishes the batch: COMPLETED, or COMPLETED_WITH_ERRORS when a row was invalid.
   */
  async applyChunk(
    em: EntityManager,
    batchId: string,
    chunk: number,
    c: ChunkCounts,
  ): Promise<BatchRecord | null> {
    const fresh = await queryOne(
      em,
      `insert into charge_batch_chunks (batch_id, chunk, rows, accepted, duplicates, invalid)
       values (?::uuid, ?, ?, ?, ?, ?) on conflict do nothing returning chunk`,
      [batchId, chunk, c.rows, c.accepted, c.duplicates, c.invalid],
    );
    if (!fresh) return null;
    const row = await queryOne<BatchRow>(
      em,
      `update charge_batches set rows = rows + ?, accepted = accepted + ?,
         duplicates = duplicates + ?, invalid = invalid + ?, chunks_done = chunks_done + 1,
         status = case when status <> 'PROCESSING' or chunks_done + 1 < chunks then status
                       when invalid + ? > 0 then 'COMPLETED_WITH_ERRORS' else 'COMPLETED' end,
         finished_at = case when status = 'PROCESSING' and chunks_done + 1 >= chunks
                            then now() else finished_at end,
         updated_at = now()
       where id = ?::uuid returning ${COLUMNS}`,
      [c.rows, c.accepted, c.duplicates, c.invalid, c.invalid, batchId],
    );
    return one(row);
  },

  /** Adds delivery outcomes (may be negative: a FAILED charge sent again). */
  async addDeliveries(
    em: EntityManager,
    userId: string,
    batchId: string,
    sent: number,
    failed: number,
  ): Promise<BatchRecord | null> {
    return one(
      await queryOne<BatchRow>(
        em,
        `update charge_batches set sent = sent + ?, failed = greatest(0, failed + ?),
           updated_at = now()
         where id = ?::uuid and user_id = ?::uuid returning ${COLUMNS}`,
        [sent, failed, batchId, userId],
      ),
    );
  },

  async insertErrors(em: EntityManager, batchId: string, errors: readonly RowError[]) {
    if (errors.length === 0) return;
    const idx: number[] = [];
    errors.forEach((e, i) => {
      const prev = errors[i - 1];
      idx.push(prev && prev.line === e.line ? (idx[i - 1] ?? 0) + 1 : 0);
    });
    await query(
      em,
      `insert into charge_batch_errors (batch_id, line, idx, field, message)
       select ?::uuid, t.line, t.idx, t.field, t.message
         from unnest(?::int[], ?::int[], ?::text[], ?::text[]) as t(line, idx, field, message)
       on conflict do nothing`,
      [
        batchId,
        errors.map((e) => e.line),
        idx,
        errors.map((e) => e.field),
        errors.map((e) => e.message),
      ],
    );
  },

  /** A batch's errors by line (the batch was checked to be the caller's). */
  async errors(em: EntityManager, batchId: string, request: PageRequest) {
    const [line, idx] = request.after ? [Number(request.after[0]), Number(request.after[1])] : [];
    return query<BatchErrorRecord>(
      em,
      `select line, idx, field, message from charge_batch_errors
        where batch_id = ?::uuid and (?::int is null or (line, idx) > (?::int, ?::int))
        order by line, idx limit ?`,
      [batchId, line ?? null, line ?? null, idx ?? null, request.limit],
    );
  },
};

/** 0..1: chunks done over chunks; 1 once finished. */
export function progressOf(b: BatchRecord): number {
  if (b.status === 'COMPLETED' || b.status === 'COMPLETED_WITH_ERRORS' || b.status === 'FAILED')
    return 1;
  if (!b.chunks) return 0;
  return Math.min(1, b.chunksDone / b.chunks);
}
