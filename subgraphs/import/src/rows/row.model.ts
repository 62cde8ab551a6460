import type { RowKind } from '../parsers/types';

export type DuplicateReason = 'EXTERNAL_ID' | 'SIMILAR';

export interface RowRecord {
  id: string;
  jobId: string;
  userId: string;
  line: number;
  date: string;
  /** Signed minor units: negative leaves the account. */
  amount: bigint;
  currency: string;
  kind: RowKind;
  description: string;
  payee: string | null;
  externalId: string | null;
  /** Unique within the job; the ledger entry's externalId once imported. */
  matchKey: string;
  duplicateOf: string | null;
  duplicateReason: DuplicateReason | null;
  included: boolean;
  categoryId: string | null;
  installmentNumber: number | null;
  installmentCount: number | null;
}

export const ROW_COLUMNS = `id, job_id, user_id, line, date::text as date, amount, currency, kind,
  description, payee, external_id, match_key, duplicate_of, duplicate_reason, included, category_id,
  installment_number, installment_count`;

export interface RowRow extends Record<string, unknown> {
  id: string;
  job_id: string;
  user_id: string;
  line: number;
  date: string;
  amount: string;
  currency: string;
  kind: RowKind;
  description: string;
  payee: string | null;
  external_id: string | null;
  match_key: string;
  duplicate_of: string | null;
  duplicate_reason: DuplicateReason | null;
  included: boolean;
  category_id: string | null;
  installment_number: number | null;
  installment_count: number | null;
}

export function toRowRecord(r: RowRow): RowRecord {
  return {
    id: r.id,
    jobId: r.job_id,
    userId: r.user_id,
    line: r.line,
    date: r.date,
    amount: BigInt(r.amount),
    currency: r.currency.trim(),
    kind: r.kind,
    description: r.description,
    payee: r.payee,
    externalId: r.external_id,
    matchKey: r.match_key,
    duplicateOf: r.duplicate_of,
    duplicateReason: r.duplicate_reason,
    included: r.included,
    categoryId: r.category_id,
    installmentNumber: r.installment_number,
    installmentCount: r.installment_count,
  };
}
