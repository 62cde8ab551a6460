import type { EntityManager } from '@saldo/kit';
import { query, valuesList, type SqlValue } from '@saldo/kit';
import type { Draft } from './entry-input';
import {
  ENTRY_COLUMNS,
  toEntryRecord,
  type EntryRow,
  type PostingLine,
  type EntryRecord,
} from './entry.model';

/** A posting row as stored: lines number the postings of an entry across its versions. */
export interface PostingRow extends PostingLine {
  entryId: string;
  line: number;
  date: string;
  entryVersion: number;
  reversal: boolean;
}

export const ENTRY_INSERT_COLUMNS = [
  '?::uuid',
  '?::uuid',
  '?',
  '?',
  '?::bigint',
  '?',
  '?::bigint',
  '?',
  '?::date',
  '?::date',
  '?',
  '?',
  'array[?]::text[]',
  '?::uuid',
  '?::uuid',
  '?::uuid',
  '?',
  '?',
  '?::uuid',
  '?::date',
  '?',
  '?',
  '?::int',
  '?::timestamptz',
  '?::timestamptz',
];

export function entryValues(d: Draft): SqlValue[] {
  const e = d.record;
  return [
    e.id,
    e.userId,
    e.kind,
    e.status,
    e.amount,
    e.currency,
    e.toAmount,
    e.toCurrency,
    e.date,
    e.dueDate,
    e.description,
    e.notes,
    e.tags,
    e.accountId,
    e.toAccountId,
    e.categoryId,
    e.source,
    e.externalId,
    e.recurrenceId,
    e.occurrenceDate,
    d.idempotencyKey,
    e.requestHash,
    e.postedVersion,
    e.createdAt.toISOString(),
    e.updatedAt.toISOString(),
  ];
}

export const POSTING_COLUMNS = [
  '?::uuid',
  '?::smallint',
  '?::uuid',
  '?::bigint',
  '?',
  '?::date',
  '?::int',
  '?::boolean',
];

export function postingValues(p: PostingRow): SqlValue[] {
  return [p.entryId, p.line, p.accountId, p.amount, p.currency, p.date, p.entryVersion, p.reversal];
}

export async function insertPostings(
  em: EntityManager,
  postings: readonly PostingRow[],
): Promise<void> {
  if (postings.length === 0) return;
  await query(
    em,
    `insert into postings (entry_id, line, account_id, amount, currency, date, entry_version, reversal)
     values ${valuesList(postings.length, POSTING_COLUMNS)}`,
    postings.flatMap(postingValues),
  );
}

export interface StoredEntry extends EntryRecord {
  idempotencyKey: string | null;
}

/** The entries a skipped insert collided with. */
export async function findCollisions(
  em: EntityManager,
  userId: string,
  drafts: readonly Draft[],
): Promise<StoredEntry[]> {
  const keys = drafts.flatMap((d) => (d.idempotencyKey ? [d.idempotencyKey] : []));
  const externals = drafts.flatMap((d) => (d.record.externalId ? [d.record.externalId] : []));
  const occurrences = drafts.flatMap((d) => (d.record.recurrenceId ? [d.record.recurrenceId] : []));
  const rows = await query<EntryRow & { idempotency_key: string | null }>(
    em,
    `select ${ENTRY_COLUMNS}, e.idempotency_key from entries e
      where e.user_id = ?::uuid
        and (e.idempotency_key = any(array[?]::text[]) or e.external_id = any(array[?]::text[])
             or (e.recurrence_id = any(array[?]::uuid[]) and e.deleted_at is null))`,
    [userId, keys, externals, occurrences],
  );
  return rows.map((r) => ({ ...toEntryRecord(r), idempotencyKey: r.idempotency_key }));
}

/** Postings currently in effect for the entries (their posted version, reversals excluded). */
export async function effectivePostings(
  em: EntityManager,
  entryIds: readonly string[],
): Promise<Map<string, PostingRow[]>> {
  const rows = await query<{
    entry_id: string;
    line: number;
    account_id: string;
    amount: string;
    currency: string;
    date: string;
    entry_version: number;
  }>(
    em,
    `select p.entry_id, p.line, p.account_id, p.amount, p.currency, p.date, p.entry_version
       from postings p join entries e on e.id = p.entry_id
      where p.entry_id = any(array[?]::uuid[]) and p.entry_version = e.posted_version
        and not p.reversal
      order by p.entry_id, p.line`,
    [entryIds],
  );
  const byEntry = new Map<string, PostingRow[]>();
  for (const r of rows) {
    const list = byEntry.get(r.entry_id) ?? [];
    list.push({
      entryId: r.entry_id,
      line: r.line,
      accountId: r.account_id,
      amount: BigInt(r.amount),
      currency: r.currency,
      date: r.date,
      entryVersion: r.entry_version,
      reversal: false,
    });
    byEntry.set(r.entry_id, list);
  }
  return byEntry;
}
