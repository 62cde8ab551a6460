import { query, queryOne, type EntityManager } from '@saldo/kit';

export interface ChunkAnswer {
  jobId: string;
  chunk: number;
  created?: number;
  existing?: number;
  error?: string;
  /** Card statements: rows the card refused (the rest were recorded). */
  rejected?: readonly { rowId: string; reason: string }[];
}

/** One row per chunk sent to the ledger; its answer is recorded once. */
export const chunkRepository = {
  async insert(em: EntityManager, jobId: string, sizes: readonly number[]): Promise<void> {
    await query(
      em,
      `insert into import_chunks (job_id, chunk, rows)
       select ?::uuid, c, r from unnest(?::int[], ?::int[]) as t(c, r)`,
      [jobId, sizes.map((_, i) => i), sizes],
    );
  },

  /** Records an answer; false when the chunk was already answered (a redelivery). */
  async answer(em: EntityManager, a: ChunkAnswer): Promise<boolean> {
    const rows = await query<{ chunk: number }>(
      em,
      `update import_chunks set created = ?, existing = ?, error = ?, rejected = ?::jsonb,
              answered_at = now()
        where job_id = ?::uuid and chunk = ? and answered_at is null returning chunk`,
      [
        a.created ?? null,
        a.existing ?? null,
        a.error ?? null,
        a.rejected?.length ? JSON.stringify(a.rejected) : null,
        a.jobId,
        a.chunk,
      ],
    );
    return rows.length === 1;
  },

  async summary(
    em: EntityManager,
    jobId: string,
  ): Promise<{ answered: number; booked: number; errors: string[] }> {
    const row = await queryOne<{ answered: string; booked: string; errors: string[] | null }>(
      em,
      `select count(answered_at) as answered,
              coalesce(sum(coalesce(created, 0) + coalesce(existing, 0)), 0) as booked,
              array_agg('chunk ' || chunk || ': ' || error order by chunk)
                filter (where error is not null) as errors
         from import_chunks where job_id = ?::uuid`,
      [jobId],
    );
    return {
      answered: Number(row?.answered ?? 0),
      booked: Number(row?.booked ?? 0),
      errors: row?.errors ?? [],
    };
  },

  /** The refused rows of a job's answered chunks, in file order, with the line of each. */
  async rejectedRows(
    em: EntityManager,
    jobId: string,
  ): Promise<{ line: number; message: string }[]> {
    return query<{ line: number; message: string }>(
      em,
      `select r.line, x.reason as message
         from import_chunks c
         cross join jsonb_to_recordset(c.rejected) as x("rowId" uuid, reason text)
         join import_rows r on r.id = x."rowId" and r.job_id = c.job_id
        where c.job_id = ?::uuid and c.rejected is not null
        order by r.line
        limit 100`,
      [jobId],
    );
  },
};
