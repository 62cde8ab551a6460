import { newId, type EntityManager } from '@saldo/kit';
import { entryReadModel } from '../duplicates/entry-read-model';
import { baseKey, findDuplicates, normalizeDescription } from '../duplicates/matcher';
import type { ParsedRow } from '../parsers/types';
import type { RowRecord } from '../rows/row.model';
import { addDays } from '@saldo/kit';
import type { JobIssue } from './job.model';

export interface PreviewInput {
  jobId: string;
  userId: string;
  accountId: string;
  currency: string;
  rows: readonly ParsedRow[];
}

export interface Preview {
  rows: RowRecord[];
  /** Rows that cannot become entries (a zero amount), shown as invalid. */
  issues: JobIssue[];
}

/** Row records with keys unique in the job: a repeated bank id gets `#2`, `#3`... */
function toRecords(input: PreviewInput, issues: JobIssue[]): RowRecord[] {
  const seen = new Map<string, number>();
  // The same bank id, date and amount twice in one file: the bank sent the row twice.
  const sent = new Set<string>();
  const records: RowRecord[] = [];
  for (const r of input.rows) {
    if (r.amountMinor === 0n) {
      issues.push({ line: r.line, message: 'A zero amount cannot become an entry' });
      continue;
    }
    const id = newId();
    const base = baseKey(r.externalId, r.installment);
    let matchKey = `row:${id}`;
    let repeated = false;
    if (base) {
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      matchKey = n === 1 ? base : `${base}#${n}`;
      const content = `${base}|${r.date}|${r.amountMinor}`;
      repeated = sent.has(content);
      sent.add(content);
    }
    records.push({
      id,
      jobId: input.jobId,
      userId: input.userId,
      line: r.line,
      date: r.date,
      amount: r.amountMinor,
      currency: r.currency || input.currency,
      kind: r.amountMinor < 0n ? 'EXPENSE' : 'INCOME',
      description: r.description.slice(0, 500),
      payee: r.payee ?? null,
      externalId: r.externalId ?? null,
      matchKey,
      duplicateOf: null,
      duplicateReason: repeated ? 'EXTERNAL_ID' : null,
      included: !repeated,
      categoryId: null,
      installmentNumber: r.installment?.number ?? null,
      installmentCount: r.installment?.count ?? null,
    });
  }
  return records;
}

/**
 * The preview of a parsed statement: rows with keys, duplicates against the read model of
 * the account's entries (excluded from the start) and suggested categories from the user's
 * own entries with the same description.
 */
export async function buildPreview(em: EntityManager, input: PreviewInput): Promise<Preview> {
  const issues: JobIssue[] = [];
  const records = toRecords(input, issues);
  if (records.length === 0) return { rows: records, issues };
  const dates = records.map((r) => r.date).sort();
  const known = await entryReadModel.candidates(
    em,
    input.userId,
    input.accountId,
    addDays(dates[0]!, -7),
    addDays(dates[dates.length - 1]!, 7),
    records.flatMap((r) => [r.matchKey, ...(r.externalId ? [r.externalId] : [])]),
  );
  const fresh = records.filter((r) => r.duplicateReason === null);
  const matches = findDuplicates(
    fresh.map((r, index) => ({ index, ...r })),
    known,
  );
  for (const [index, m] of matches) {
    const r = fresh[index]!;
    r.duplicateOf = m.entryId;
    r.duplicateReason = m.reason;
    r.included = false;
  }
  const norms = [...new Set(records.map((r) => normalizeDescription(r.description)))];
  const categories = await entryReadModel.categories(em, input.userId, norms);
  for (const r of records)
    r.categoryId = categories.get(normalizeDescription(r.description)) ?? null;
  return { rows: records, issues };
}
