import { toMoney } from '@saldo/kit';
import type { EntrySnapshot } from '@saldo/events';
import { toDate } from '@saldo/kit';

export enum EntryKind {
  INCOME = 'INCOME',
  EXPENSE = 'EXPENSE',
  TRANSFER = 'TRANSFER',
}

export enum EntryStatus {
  PENDING = 'PENDING',
  POSTED = 'POSTED',
}

export enum EntrySource {
  MANUAL = 'MANUAL',
  IMPORT = 'IMPORT',
  CARDS = 'CARDS',
  RECURRENCE = 'RECURRENCE',
  /** A paid charge of the billing subgraph (external id `charge:<chargeId>`). */
  BILLING = 'BILLING',
}

/** One entry as the API shows it; money is positive, the kind gives the direction. */
export interface EntryRecord {
  id: string;
  userId: string;
  kind: EntryKind;
  status: EntryStatus;
  amount: bigint;
  currency: string;
  toAmount: bigint | null;
  toCurrency: string | null;
  date: string;
  dueDate: string | null;
  description: string;
  notes: string | null;
  tags: string[];
  accountId: string;
  toAccountId: string | null;
  categoryId: string | null;
  source: EntrySource;
  externalId: string | null;
  recurrenceId: string | null;
  occurrenceDate: string | null;
  requestHash: string | null;
  version: number;
  postedVersion: number | null;
  createdAt: Date;
  updatedAt: Date;
  deleted: boolean;
}

/** A posting on one account: signed, in that account's currency. */
export interface PostingLine {
  accountId: string;
  amount: bigint;
  currency: string;
}

export const ENTRY_COLUMNS = `e.id, e.user_id, e.kind, e.status, e.amount, e.currency, e.to_amount,
  e.to_currency, e.date, e.due_date, e.description, e.notes, e.tags, e.account_id, e.to_account_id,
  e.category_id, e.source, e.external_id, e.recurrence_id, e.occurrence_date, e.request_hash,
  e.version, e.posted_version, e.created_at, e.updated_at, e.deleted_at`;

export interface EntryRow extends Record<string, unknown> {
  id: string;
  user_id: string;
  kind: EntryKind;
  status: EntryStatus;
  amount: string;
  currency: string;
  to_amount: string | null;
  to_currency: string | null;
  date: string;
  due_date: string | null;
  description: string;
  notes: string | null;
  tags: string[];
  account_id: string;
  to_account_id: string | null;
  category_id: string | null;
  source: EntrySource;
  external_id: string | null;
  recurrence_id: string | null;
  occurrence_date: string | null;
  request_hash: string | null;
  version: number;
  posted_version: number | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export function toEntryRecord(row: EntryRow): EntryRecord {
  return {
    id: row.id,
    userId: row.user_id,
    kind: row.kind,
    status: row.status,
    amount: BigInt(row.amount),
    currency: row.currency,
    toAmount: row.to_amount === null ? null : BigInt(row.to_amount),
    toCurrency: row.to_currency,
    date: row.date,
    dueDate: row.due_date,
    description: row.description,
    notes: row.notes,
    tags: row.tags,
    accountId: row.account_id,
    toAccountId: row.to_account_id,
    categoryId: row.category_id,
    source: row.source,
    externalId: row.external_id,
    recurrenceId: row.recurrence_id,
    occurrenceDate: row.occurrence_date,
    requestHash: row.request_hash,
    version: row.version,
    postedVersion: row.posted_version,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
    deleted: row.deleted_at !== null,
  };
}

/** Postings on the entry's own (real) accounts: what the API and events show. */
export function realPostings(entry: EntryRecord, lines: readonly PostingLine[]): PostingLine[] {
  return lines.filter((l) => l.accountId === entry.accountId || l.accountId === entry.toAccountId);
}

/** The full entry at its current version, for `ledger.entry.*` events and revisions. */
export function entrySnapshot(entry: EntryRecord, postings: readonly PostingLine[]): EntrySnapshot {
  return {
    id: entry.id,
    userId: entry.userId,
    version: entry.version,
    kind: entry.kind,
    status: entry.status,
    amount: toMoney(entry.amount, entry.currency),
    toAmount:
      entry.toAmount === null || entry.toCurrency === null
        ? null
        : toMoney(entry.toAmount, entry.toCurrency),
    date: entry.date,
    dueDate: entry.dueDate,
    description: entry.description,
    accountId: entry.accountId,
    toAccountId: entry.toAccountId,
    categoryId: entry.categoryId,
    tags: entry.tags,
    source: entry.source,
    externalId: entry.externalId,
    postings:
      entry.deleted || entry.status === EntryStatus.PENDING
        ? []
        : realPostings(entry, postings).map((p) => ({
            accountId: p.accountId,
            amount: toMoney(p.amount, p.currency),
          })),
    deleted: entry.deleted,
    updatedAt: entry.updatedAt.toISOString(),
  };
}
