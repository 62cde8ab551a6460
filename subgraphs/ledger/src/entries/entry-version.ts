import { event, notFound, recordEvents, type EntityManager } from '@saldo/kit';
import type { EventType } from '@saldo/events';
import { applyDeltas, balanceEvents } from '../book/balances';
import { ensureNominals } from '../book/nominal';
import {
  buildPostings,
  netByAccount,
  nominalKeyString,
  requiredNominals,
  type Movement,
} from '../book/postings';
import { checkBudgets } from '../budgets/budget-check';
import { query, queryOne } from '@saldo/kit';
import type { EntryContext } from './entry-context';
import { insertPostings, type PostingRow } from './entry-sql';
import {
  ENTRY_COLUMNS,
  entrySnapshot,
  toEntryRecord,
  type EntryRecord,
  type EntryRow,
} from './entry.model';

export interface LockedEntry {
  entry: EntryRecord;
  /** Highest posting line so far: new postings continue the numbering. */
  lastLine: number;
}

/** Loads a live entry of the user and locks it for the rest of the transaction. */
export async function lockEntry(
  em: EntityManager,
  userId: string,
  id: string,
): Promise<LockedEntry> {
  const row = await queryOne<EntryRow & { last_line: number }>(
    em,
    `select ${ENTRY_COLUMNS},
            (select coalesce(max(p.line), 0) from postings p where p.entry_id = e.id)::int as last_line
       from entries e
      where e.id = ?::uuid and e.user_id = ?::uuid and e.deleted_at is null
        for update of e`,
    [id, userId],
  );
  if (!row) throw notFound('Entry', id);
  return { entry: toEntryRecord(row), lastLine: row.last_line };
}

/** Posting rows for a movement at a new version, numbered after `lastLine`. */
export async function newPostings(
  em: EntityManager,
  userId: string,
  ctx: EntryContext,
  entry: EntryRecord,
  movement: Movement,
  lastLine: number,
): Promise<PostingRow[]> {
  const missing = requiredNominals(movement).filter((k) => !ctx.nominals.has(nominalKeyString(k)));
  if (missing.length > 0) {
    for (const [k, id] of await ensureNominals(em, userId, missing)) ctx.nominals.set(k, id);
  }
  const lines = buildPostings(movement, (key) => ctx.nominals.get(nominalKeyString(key)) ?? '');
  return lines.map((l, i) => ({
    ...l,
    entryId: entry.id,
    line: lastLine + i + 1,
    date: entry.date,
    entryVersion: entry.version,
    reversal: false,
  }));
}

/** Reversal rows for postings in effect: same accounts and dates, opposite amounts. */
export function reversalsOf(
  old: readonly PostingRow[],
  version: number,
  lastLine: number,
): PostingRow[] {
  return old.map((p, i) => ({
    ...p,
    amount: -p.amount,
    line: lastLine + i + 1,
    entryVersion: version,
    reversal: true,
  }));
}

async function saveEntry(em: EntityManager, e: EntryRecord): Promise<void> {
  await query(
    em,
    `update entries set status = ?, amount = ?::bigint, currency = ?, to_amount = ?::bigint,
       to_currency = ?, date = ?::date, due_date = ?::date, description = ?, notes = ?,
       tags = array[?]::text[], account_id = ?::uuid, to_account_id = ?::uuid,
       category_id = ?::uuid, version = ?::int, posted_version = ?::int,
       updated_at = ?::timestamptz, deleted_at = ${e.deleted ? 'now()' : 'null'}
     where id = ?::uuid`,
    [
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
      e.version,
      e.postedVersion,
      e.updatedAt.toISOString(),
      e.id,
    ],
  );
}

export interface VersionChange {
  before: EntryRecord;
  beforePostings: readonly PostingRow[];
  after: EntryRecord;
  /** Reversals and new postings written at `after.version`. */
  written: readonly PostingRow[];
  afterPostings: readonly PostingRow[];
  noOverdraft: ReadonlySet<string>;
  budgetIds: readonly string[];
  type: Extract<EventType, 'ledger.entry.updated' | 'ledger.entry.deleted'>;
}

/**
 * Writes a new version of an entry: postings (append-only), the row, the previous
 * version as a revision, budgets, balances, then the events, all in the caller's
 * transaction.
 */
export async function commitVersion(em: EntityManager, c: VersionChange): Promise<EntryRecord> {
  const userId = c.after.userId;
  await insertPostings(em, c.written);
  await saveEntry(em, c.after);
  await query(
    em,
    'insert into entry_revisions (entry_id, version, snapshot) values (?::uuid, ?::int, ?::jsonb)',
    [c.before.id, c.before.version, JSON.stringify(entrySnapshot(c.before, c.beforePostings))],
  );
  // Lock order everywhere: entry, accounts (by id), then budgets.
  const applied = await applyDeltas(em, userId, netByAccount(c.written), c.noOverdraft);
  const budgetEvents = await checkBudgets(em, userId, c.budgetIds);
  await recordEvents(em, [
    event(c.type, userId, { entry: entrySnapshot(c.after, c.afterPostings) }),
    ...balanceEvents(userId, applied, () => c.after.id),
    ...budgetEvents,
  ]);
  return c.after;
}
