import type { EntityManager, PageRequest } from '@saldo/kit';
import { query, queryOne } from '@saldo/kit';
import { JOB_COLUMNS, toJobRecord, type JobRecord, type JobRow, type Totals } from './job.model';

export interface PagedJob {
  record: JobRecord;
  createdKey: string;
}

const json = (value: unknown) => JSON.stringify(value);

/** SQL for import jobs; every statement is scoped by user id. */
export const jobRepository = {
  async insert(em: EntityManager, j: JobRecord): Promise<void> {
    await query(
      em,
      `insert into import_jobs (id, user_id, file_id, status, format, filename, account_id, card_id,
         currency, statement_accounts, statement_account_id, detected, errors, invalid, created_at, updated_at)
       values (?::uuid, ?::uuid, ?::uuid, ?, ?, ?, ?::uuid, ?::uuid, ?, ?::jsonb, ?, ?::jsonb, ?::jsonb, ?,
         ?::timestamptz, ?::timestamptz)`,
      [
        j.id,
        j.userId,
        j.fileId,
        j.status,
        j.format,
        j.filename,
        j.accountId,
        j.cardId,
        j.currency,
        json(j.statementAccounts),
        j.statementAccountId,
        json(j.detected),
        json(j.errors),
        j.invalid,
        j.createdAt.toISOString(),
        j.updatedAt.toISOString(),
      ],
    );
  },

  /** Writes the mutable fields back; bumps the version. */
  async save(em: EntityManager, j: JobRecord): Promise<JobRecord> {
    const row = await queryOne<JobRow>(
      em,
      `update import_jobs set file_id = ?::uuid, status = ?, format = ?, currency = ?,
         statement_accounts = ?::jsonb, statement_account_id = ?, detected = ?::jsonb, errors = ?::jsonb,
         invalid = ?, chunks = ?, imported = ?, completed_at = ?::timestamptz,
         version = version + 1, updated_at = now()
       where id = ?::uuid and user_id = ?::uuid returning ${JOB_COLUMNS}`,
      [
        j.fileId,
        j.status,
        j.format,
        j.currency,
        json(j.statementAccounts),
        j.statementAccountId,
        json(j.detected),
        json(j.errors),
        j.invalid,
        j.chunks,
        j.imported,
        j.completedAt?.toISOString() ?? null,
        j.id,
        j.userId,
      ],
    );
    if (!row) throw new Error(`import job ${j.id} vanished inside its transaction`);
    return toJobRecord(row);
  },

  async byId(
    em: EntityManager,
    userId: string,
    id: string,
    lock = false,
  ): Promise<JobRecord | null> {
    const row = await queryOne<JobRow>(
      em,
      `select ${JOB_COLUMNS} from import_jobs where user_id = ?::uuid and id = ?::uuid${lock ? ' for update' : ''}`,
      [userId, id],
    );
    return row ? toJobRecord(row) : null;
  },

  async byIds(em: EntityManager, userId: string, ids: readonly string[]): Promise<JobRecord[]> {
    const rows = await query<JobRow>(
      em,
      `select ${JOB_COLUMNS} from import_jobs where user_id = ?::uuid and id = any(array[?]::uuid[])`,
      [userId, ids],
    );
    return rows.map(toJobRecord);
  },

  /** Newest first (keyset on created_at desc, id desc; microsecond keys). */
  async page(em: EntityManager, userId: string, page: PageRequest): Promise<PagedJob[]> {
    const [at, id] = page.after ?? [null, null];
    const rows = await query<JobRow & { created_key: string }>(
      em,
      `select ${JOB_COLUMNS},
              to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_key
         from import_jobs where user_id = ?::uuid
          and (?::timestamptz is null or (created_at, id) < (?::timestamptz, ?::uuid))
        order by created_at desc, id desc limit ?`,
      [userId, at as string | null, at as string | null, id as string | null, page.limit],
    );
    return rows.map((row) => ({ record: toJobRecord(row), createdKey: row.created_key }));
  },

  /** Row counts per job (one statement for many jobs: a DataLoader batch). */
  async totals(em: EntityManager, jobs: readonly JobRecord[]): Promise<Map<string, Totals>> {
    const ids = jobs.map((j) => j.id);
    const rows = await query<{ job_id: string; rows: string; dup: string; excluded: string }>(
      em,
      `select job_id, count(*) as rows, count(duplicate_reason) as dup,
              count(*) filter (where not included) as excluded
         from import_rows where job_id = any(array[?]::uuid[]) group by job_id`,
      [ids],
    );
    const byJob = new Map(rows.map((r) => [r.job_id, r]));
    return new Map(
      jobs.map((j) => {
        const r = byJob.get(j.id);
        const total = Number(r?.rows ?? 0);
        const duplicates = Number(r?.dup ?? 0);
        return [
          j.id,
          {
            rows: total,
            new: total - duplicates,
            duplicates,
            excluded: Number(r?.excluded ?? 0),
            invalid: j.invalid,
            imported: j.imported,
          },
        ];
      }),
    );
  },

  async remove(em: EntityManager, userId: string, id: string): Promise<void> {
    await query(em, 'delete from import_jobs where user_id = ?::uuid and id = ?::uuid', [
      userId,
      id,
    ]);
  },
};
