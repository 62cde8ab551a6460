import type { EntityManager } from '@saldo/kit';
import { query, queryOne } from '@saldo/kit';
import type { ParseOptions } from '../parsers/types';

/** What a job was asked to parse: enough for any process to parse it again after a crash. */
export interface ParseRequest {
  options: ParseOptions;
  statementAccountId: string | null;
}

/** A PARSING job whose lease this process now holds, for attempt `attempt`. */
export interface ClaimedParse {
  jobId: string;
  userId: string;
  fileId: string | null;
  attempt: number;
  request: ParseRequest | null;
}

interface ClaimRow extends Record<string, unknown> {
  id: string;
  user_id: string;
  file_id: string | null;
  parse_attempts: number;
  parse_request: ParseRequest | null;
}

/** SQL for the parse lease of import jobs (columns of `import_jobs`, migration 0002). */
export const parseLeaseRepository = {
  /** The first attempt, taken by the process that created the job. */
  async begin(
    em: EntityManager,
    jobId: string,
    request: ParseRequest,
    leaseMs: number,
  ): Promise<void> {
    await query(
      em,
      `update import_jobs set parse_request = ?::jsonb, parse_attempts = 1,
         parse_lease_until = now() + make_interval(secs => ?::double precision / 1000)
       where id = ?::uuid`,
      [JSON.stringify(request), leaseMs, jobId],
    );
  },

  /**
   * Takes over one PARSING job whose lease expired (its process died or hung): the next
   * attempt, leased for `leaseMs`. Skips jobs another process is claiming right now.
   */
  async claimExpired(em: EntityManager, leaseMs: number): Promise<ClaimedParse | null> {
    const row = await queryOne<ClaimRow>(
      em,
      `update import_jobs j set parse_attempts = j.parse_attempts + 1,
         parse_lease_until = now() + make_interval(secs => ?::double precision / 1000)
       where j.id = (
         select id from import_jobs
          where status = 'PARSING' and coalesce(parse_lease_until, '-infinity') < now()
          order by parse_lease_until nulls first limit 1 for update skip locked)
       returning j.id, j.user_id, j.file_id, j.parse_attempts, j.parse_request`,
      [leaseMs],
    );
    if (!row) return null;
    return {
      jobId: row.id,
      userId: row.user_id,
      fileId: row.file_id,
      attempt: row.parse_attempts,
      request: row.parse_request,
    };
  },

  /** The attempt that currently holds the job (read under the job's row lock). */
  async attempt(em: EntityManager, jobId: string): Promise<number> {
    const row = await queryOne<{ parse_attempts: number }>(
      em,
      'select parse_attempts from import_jobs where id = ?::uuid',
      [jobId],
    );
    return row?.parse_attempts ?? 0;
  },

  /** The parse is over (PREVIEW or FAILED): no lease left to expire. */
  async release(em: EntityManager, jobId: string): Promise<void> {
    await query(em, 'update import_jobs set parse_lease_until = null where id = ?::uuid', [jobId]);
  },
};
