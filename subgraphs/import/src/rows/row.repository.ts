import type { EntityManager, PageRequest } from '@saldo/kit';
import { query } from '@saldo/kit';
import { ROW_COLUMNS, toRowRecord, type RowRecord, type RowRow } from './row.model';

export interface RowFilter {
  duplicate?: boolean | null;
  included?: boolean | null;
}

const INSERT_BATCH = 5_000;

/** SQL for a job's rows; every statement is scoped by user id. */
export const rowRepository = {
  /** Many rows, one statement text per batch (arrays bound as PostgreSQL arrays). */
  async insertMany(em: EntityManager, rows: readonly RowRecord[]): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_BATCH) {
      const b = rows.slice(i, i + INSERT_BATCH);
      await query(
        em,
        `insert into import_rows (id, job_id, user_id, line, date, amount, currency, kind, description,
           payee, external_id, match_key, duplicate_of, duplicate_reason, included, category_id,
           installment_number, installment_count)
         select * from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::int[], ?::date[], ?::bigint[],
           ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::uuid[], ?::text[],
           ?::boolean[], ?::uuid[], ?::int[], ?::int[])`,
        [
          b.map((r) => r.id),
          b.map((r) => r.jobId),
          b.map((r) => r.userId),
          b.map((r) => r.line),
          b.map((r) => r.date),
          b.map((r) => r.amount.toString()),
          b.map((r) => r.currency),
          b.map((r) => r.kind),
          b.map((r) => r.description),
          b.map((r) => r.payee),
          b.map((r) => r.externalId),
          b.map((r) => r.matchKey),
          b.map((r) => r.duplicateOf),
          b.map((r) => r.duplicateReason),
          b.map((r) => r.included),
          b.map((r) => r.categoryId),
          b.map((r) => r.installmentNumber),
          b.map((r) => r.installmentCount),
        ],
      );
    }
  },

  /** A page of a job's rows in file order (keyset on line, id). */
  async page(
    em: EntityManager,
    userId: string,
    jobId: string,
    filter: RowFilter,
    page: PageRequest,
  ): Promise<RowRecord[]> {
    const [line, id] = page.after ?? [null, null];
    const rows = await query<RowRow>(
      em,
      `select ${ROW_COLUMNS} from import_rows
        where user_id = ?::uuid and job_id = ?::uuid
          and (?::boolean is null or (duplicate_reason is not null) = ?::boolean)
          and (?::boolean is null or included = ?::boolean)
          and (?::int is null or (line, id) > (?::int, ?::uuid))
        order by line, id limit ?`,
      [
        userId,
        jobId,
        filter.duplicate ?? null,
        filter.duplicate ?? null,
        filter.included ?? null,
        filter.included ?? null,
        line as number | null,
        line as number | null,
        id as string | null,
        page.limit,
      ],
    );
    return rows.map(toRowRecord);
  },

  async byIds(
    em: EntityManager,
    userId: string,
    jobId: string,
    ids: readonly string[],
  ): Promise<RowRecord[]> {
    const rows = await query<RowRow>(
      em,
      `select ${ROW_COLUMNS} from import_rows
        where user_id = ?::uuid and job_id = ?::uuid and id = any(array[?]::uuid[])`,
      [userId, jobId, ids],
    );
    return rows.map(toRowRecord);
  },

  /** The rows confirm sends, in file order. */
  async included(em: EntityManager, jobId: string): Promise<RowRecord[]> {
    const rows = await query<RowRow>(
      em,
      `select ${ROW_COLUMNS} from import_rows where job_id = ?::uuid and included
        order by line, id`,
      [jobId],
    );
    return rows.map(toRowRecord);
  },

  async update(
    em: EntityManager,
    r: Pick<RowRecord, 'id' | 'jobId' | 'included' | 'categoryId' | 'description'>,
  ): Promise<void> {
    await query(
      em,
      `update import_rows set included = ?, category_id = ?::uuid, description = ?
        where id = ?::uuid and job_id = ?::uuid`,
      [r.included, r.categoryId, r.description, r.id, r.jobId],
    );
  },

  async setChunks(em: EntityManager, jobId: string, ids: readonly string[], chunk: number) {
    await query(
      em,
      'update import_rows set chunk = ? where job_id = ?::uuid and id = any(array[?]::uuid[])',
      [chunk, jobId, ids],
    );
  },
};
