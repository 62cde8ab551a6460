import { query, queryOne } from '@saldo/kit';
import type { EntityManager } from '@saldo/kit';
import { instant } from '../common/sql';

export type RebuildStatus = 'RUNNING' | 'DONE' | 'FAILED';

export interface RebuildRecord {
  id: string;
  status: RebuildStatus;
  generation: string;
  requestedBy: string;
  startedAt: Date;
  finishedAt: Date | null;
  events: number;
  skipped: number;
  lastSeq: number;
  error: string | null;
}

interface RebuildRow {
  id: string;
  status: RebuildStatus;
  target_schema: string;
  requested_by: string;
  started_at: string;
  finished_at: string | null;
  events: string;
  skipped: string;
  last_seq: string;
  error: string | null;
}

const COLUMNS =
  'id, status, target_schema, requested_by, started_at, finished_at, events, skipped, last_seq, error';

function toRecord(r: RebuildRow): RebuildRecord {
  return {
    id: r.id,
    status: r.status,
    generation: r.target_schema,
    requestedBy: r.requested_by,
    startedAt: instant(r.started_at)!,
    finishedAt: instant(r.finished_at),
    events: Number(r.events),
    skipped: Number(r.skipped),
    lastSeq: Number(r.last_seq),
    error: r.error,
  };
}

export async function insertRebuild(
  em: EntityManager,
  row: { id: string; generation: string; requestedBy: string; now: Date },
): Promise<RebuildRecord> {
  // Only one rebuild runs at a time (advisory lock): a RUNNING row left by a crash is stale.
  await query(
    em,
    `update rebuilds set status = 'FAILED', error = 'interrupted', finished_at = ?
      where status = 'RUNNING'`,
    [row.now],
  );
  const inserted = await query<RebuildRow>(
    em,
    `insert into rebuilds (id, status, target_schema, requested_by, started_at)
     values (?, 'RUNNING', ?, ?, ?) returning ${COLUMNS}`,
    [row.id, row.generation, row.requestedBy, row.now],
  );
  return toRecord(inserted[0]!);
}

export async function updateRebuild(
  em: EntityManager,
  id: string,
  patch: {
    status?: RebuildStatus;
    events: number;
    skipped: number;
    lastSeq?: number;
    error?: string;
    finishedAt?: Date;
  },
): Promise<void> {
  await query(
    em,
    `update rebuilds set status = coalesce(?, status), events = ?, skipped = ?,
            last_seq = coalesce(?::bigint, last_seq),
            error = coalesce(?, error), finished_at = coalesce(?::timestamptz, finished_at)
      where id = ?`,
    [
      patch.status ?? null,
      patch.events,
      patch.skipped,
      patch.lastSeq ?? null,
      patch.error ?? null,
      patch.finishedAt ?? null,
      id,
    ],
  );
}

export async function findRebuild(em: EntityManager, id: string): Promise<RebuildRecord | null> {
  const row = await queryOne<RebuildRow>(em, `select ${COLUMNS} from rebuilds where id = ?`, [id]);
  return row ? toRecord(row) : null;
}

export async function recentRebuilds(em: EntityManager, limit: number): Promise<RebuildRecord[]> {
  const rows = await query<RebuildRow>(
    em,
    `select ${COLUMNS} from rebuilds order by started_at desc limit ?`,
    [limit],
  );
  return rows.map(toRecord);
}
