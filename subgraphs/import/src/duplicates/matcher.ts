import { toEpochDay } from '@saldo/kit';
import type { DuplicateReason } from '../rows/row.model';

/** A row of the file, as the matcher sees it. */
export interface CandidateRow {
  index: number;
  date: string;
  amount: bigint;
  description: string;
  /** The bank's own id, when it gave one. */
  externalId: string | null;
  /** Unique in the job: bank id (+ installment, + occurrence), or row:<id>. */
  matchKey: string;
}

/** An entry already in the account (the read model of the ledger). */
export interface KnownEntry {
  entryId: string;
  date: string;
  amount: bigint;
  description: string;
  externalId: string | null;
  source: string;
}

export interface Match {
  entryId: string | null;
  reason: DuplicateReason;
}

export const SIMILAR_DAYS = 7;

/** Lower case, accents and punctuation dropped, spaces squeezed: for likeness and categories. */
export function normalizeDescription(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function bigrams(text: string): Map<string, number> {
  const grams = new Map<string, number>();
  const s = normalizeDescription(text);
  for (let i = 0; i < s.length - 1; i += 1) {
    const g = s.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

/** Dice coefficient on character bigrams: 1 for the same text, 0 for nothing shared. */
export function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  let total = 0;
  let shared = 0;
  for (const n of x.values()) total += n;
  for (const [g, n] of y) {
    total += n;
    shared += Math.min(n, x.get(g) ?? 0);
  }
  return total === 0
    ? normalizeDescription(a) === normalizeDescription(b)
      ? 1
      : 0
    : (2 * shared) / total;
}

/**
 * Which rows are already in the account. First exact: the entry's externalId is the row's
 * key (a previous import of it) or the bank's id. Then similar: same amount, dates at most
 * 7 days apart, closest date first, description likeness breaking ties. An entry matches
 * at most one row. An entry that an import booked under another bank id is a different
 * transaction (the bank said so) and is never a similar match for a row with its own id.
 */
export function findDuplicates(
  rows: readonly CandidateRow[],
  entries: readonly KnownEntry[],
): Map<number, Match> {
  const matches = new Map<number, Match>();
  const used = new Set<string>();
  const byExternal = new Map<string, KnownEntry>();
  for (const e of entries) if (e.externalId) byExternal.set(e.externalId, e);
  for (const row of rows) {
    const hit =
      byExternal.get(row.matchKey) ?? (row.externalId ? byExternal.get(row.externalId) : undefined);
    if (hit && !used.has(hit.entryId)) {
      used.add(hit.entryId);
      matches.set(row.index, { entryId: hit.entryId, reason: 'EXTERNAL_ID' });
    }
  }
  const byAmount = new Map<bigint, KnownEntry[]>();
  for (const e of entries) {
    if (used.has(e.entryId)) continue;
    byAmount.set(e.amount, [...(byAmount.get(e.amount) ?? []), e]);
  }
  const pairs: { row: CandidateRow; entry: KnownEntry; days: number; like: number }[] = [];
  for (const row of rows) {
    if (matches.has(row.index)) continue;
    const day = toEpochDay(row.date);
    for (const entry of byAmount.get(row.amount) ?? []) {
      const days = Math.abs(toEpochDay(entry.date) - day);
      if (days > SIMILAR_DAYS) continue;
      if (row.externalId && entry.source === 'IMPORT' && entry.externalId) continue;
      pairs.push({ row, entry, days, like: similarity(row.description, entry.description) });
    }
  }
  pairs.sort(
    (a, b) =>
      a.days - b.days ||
      b.like - a.like ||
      a.row.index - b.row.index ||
      (a.entry.entryId < b.entry.entryId ? -1 : 1),
  );
  for (const p of pairs) {
    if (matches.has(p.row.index) || used.has(p.entry.entryId)) continue;
    used.add(p.entry.entryId);
    matches.set(p.row.index, { entryId: p.entry.entryId, reason: 'SIMILAR' });
  }
  return matches;
}

/** The key a row is unique by in its account, before occurrences within the file. */
export function baseKey(
  externalId: string | undefined,
  installment: { number: number; count: number } | undefined,
): string | null {
  if (!externalId) return null;
  // Brazilian banks reuse one FITID across a purchase's installments.
  return installment ? `${externalId}#${installment.number}/${installment.count}` : externalId;
}
