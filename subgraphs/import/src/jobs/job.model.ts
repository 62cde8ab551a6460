import { toDate } from '@saldo/kit';
import type { ImportTotalsData } from '@saldo/events';
import type { StatementFormat } from '../parsers/types';

export enum ImportStatus {
  PARSING = 'PARSING',
  PREVIEW = 'PREVIEW',
  IMPORTING = 'IMPORTING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}

export interface JobIssue {
  line: number | null;
  message: string;
}

export interface StatementAccountInfo {
  id: string;
  type: 'BANK' | 'CREDIT_CARD';
  currency: string;
  rows: number;
}

export interface JobRecord {
  id: string;
  userId: string;
  fileId: string | null;
  status: ImportStatus;
  format: StatementFormat | null;
  filename: string;
  accountId: string | null;
  cardId: string | null;
  currency: string | null;
  statementAccounts: StatementAccountInfo[];
  statementAccountId: string | null;
  detected: Record<string, string>;
  errors: JobIssue[];
  invalid: number;
  chunks: number;
  imported: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
}

export const JOB_COLUMNS = `id, user_id, file_id, status, format, filename, account_id, card_id,
  currency, statement_accounts, statement_account_id, detected, errors, invalid, chunks, imported,
  version, created_at, updated_at, completed_at`;

export interface JobRow extends Record<string, unknown> {
  id: string;
  user_id: string;
  file_id: string | null;
  status: ImportStatus;
  format: StatementFormat | null;
  filename: string;
  account_id: string | null;
  card_id: string | null;
  currency: string | null;
  statement_accounts: StatementAccountInfo[];
  statement_account_id: string | null;
  detected: Record<string, string>;
  errors: JobIssue[];
  invalid: number;
  chunks: number;
  imported: number;
  version: number;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
}

export function toJobRecord(r: JobRow): JobRecord {
  return {
    id: r.id,
    userId: r.user_id,
    fileId: r.file_id,
    status: r.status,
    format: r.format,
    filename: r.filename,
    accountId: r.account_id,
    cardId: r.card_id,
    currency: r.currency,
    statementAccounts: r.statement_accounts,
    statementAccountId: r.statement_account_id,
    detected: r.detected,
    errors: r.errors,
    invalid: r.invalid,
    chunks: r.chunks,
    imported: r.imported,
    version: r.version,
    createdAt: toDate(r.created_at),
    updatedAt: toDate(r.updated_at),
    completedAt: r.completed_at ? toDate(r.completed_at) : null,
  };
}

/** Counts shown as `totals`; `imported` comes from the ledger's answers. */
export type Totals = ImportTotalsData;

export const FINISHED: readonly ImportStatus[] = [
  ImportStatus.COMPLETED,
  ImportStatus.FAILED,
  ImportStatus.CANCELLED,
];
