import { formatAmount, monthOf, type EntityManager, type LocalDate } from '@saldo/kit';
import type { Movement } from '../book/postings';
import { invalidState } from '@saldo/kit';
import { optionalDate } from '../common/input';
import {
  loadEntryContext,
  noOverdraftIds,
  openBudgetsFor,
  type EntryContext,
} from './entry-context';
import { checkShape, movementOf, type EntryCommand } from './entry-input';
import { effectivePostings, type PostingRow } from './entry-sql';
import {
  commitVersion,
  lockEntry,
  newPostings,
  reversalsOf,
  type LockedEntry,
} from './entry-version';
import { EntryKind, EntryStatus, type EntryRecord } from './entry.model';

/** Fields of an entry that can change; undefined keeps, null clears (where nullable). */
export interface EntryPatch {
  accountId?: string | null;
  toAccountId?: string | null;
  amount?: string | null;
  toAmount?: string | null;
  categoryId?: string | null;
  date?: string | null;
  dueDate?: string | null;
  description?: string | null;
  notes?: string | null;
  tags?: readonly string[] | null;
}

const MONEY_FIELDS = [
  'accountId',
  'toAccountId',
  'amount',
  'toAmount',
  'categoryId',
  'date',
] as const;

/** The entry as a command, with `patch` applied, for validation by the create rules. */
function commandOf(e: EntryRecord, patch: EntryPatch = {}): EntryCommand {
  const crossCurrency = e.toCurrency !== null && e.toCurrency !== e.currency;
  const oldTo =
    crossCurrency && e.toAmount !== null ? formatAmount(e.toAmount, e.toCurrency!) : null;
  return {
    kind: e.kind,
    accountId: patch.accountId ?? e.accountId,
    toAccountId: patch.toAccountId ?? e.toAccountId,
    amount: patch.amount ?? formatAmount(e.amount, e.currency),
    toAmount: patch.toAmount ?? oldTo,
    categoryId: patch.categoryId === undefined ? e.categoryId : patch.categoryId,
    date: patch.date ?? e.date,
    dueDate: patch.dueDate === undefined ? e.dueDate : patch.dueDate,
    description: patch.description ?? e.description,
    notes: patch.notes === undefined ? e.notes : patch.notes,
    tags: patch.tags ?? e.tags,
  };
}

async function contextFor(
  em: EntityManager,
  e: EntryRecord,
  c: EntryCommand,
): Promise<EntryContext> {
  const accounts = [c.accountId, ...(c.toAccountId ? [c.toAccountId] : []), e.accountId];
  const months = e.kind === EntryKind.EXPENSE ? [monthOf(c.date ?? e.date)] : [];
  return loadEntryContext(em, e.userId, accounts, c.categoryId ? [c.categoryId] : [], months);
}

function withMovement(e: EntryRecord, m: Movement, c: EntryCommand, now: Date): EntryRecord {
  return {
    ...e,
    accountId: m.accountId,
    currency: m.currency,
    amount: m.amount,
    toAccountId: m.toAccountId,
    toCurrency: m.toCurrency,
    toAmount: m.toAmount,
    categoryId: m.categoryId,
    date: c.date ?? e.date,
    dueDate: c.dueDate ?? null,
    description: c.description ?? '',
    notes: c.notes ?? null,
    tags: [...(c.tags ?? [])],
    version: e.version + 1,
    updatedAt: now,
  };
}

/** Old postings reversed and the new ones written, when the entry is posted. */
async function repost(
  em: EntityManager,
  ctx: EntryContext,
  locked: LockedEntry,
  after: EntryRecord,
  movement: Movement,
): Promise<{ before: PostingRow[]; written: PostingRow[]; after: PostingRow[] }> {
  const { entry, lastLine } = locked;
  const before =
    entry.postedVersion === null
      ? []
      : ((await effectivePostings(em, [entry.id])).get(entry.id) ?? []);
  if (after.status !== EntryStatus.POSTED) return { before, written: [], after: [] };
  const reversals = reversalsOf(before, after.version, lastLine);
  const fresh = await newPostings(
    em,
    entry.userId,
    ctx,
    after,
    movement,
    lastLine + reversals.length,
  );
  return { before, written: [...reversals, ...fresh], after: fresh };
}

/** Edits an entry: money changes reverse the old postings and write new ones. */
export async function updateEntry(
  em: EntityManager,
  userId: string,
  id: string,
  patch: EntryPatch,
): Promise<EntryRecord> {
  const locked = await lockEntry(em, userId, id);
  const { entry } = locked;
  const command = checkShape(commandOf(entry, patch));
  if (!MONEY_FIELDS.some((f) => patch[f] !== undefined)) {
    const after = withMovement(entry, movementFromRecord(entry), command, new Date());
    const current = (await effectivePostings(em, [entry.id])).get(entry.id) ?? [];
    return commitVersion(em, {
      before: entry,
      beforePostings: current,
      after,
      written: [],
      afterPostings: current,
      noOverdraft: new Set(),
      budgetIds: [],
      type: 'ledger.entry.updated',
    });
  }
  const ctx = await contextFor(em, entry, command);
  const movement = movementOf(ctx, command);
  const after = withMovement(entry, movement, command, new Date());
  if (after.status === EntryStatus.POSTED) after.postedVersion = after.version;
  const postings = await repost(em, ctx, locked, after, movement);
  return commitVersion(em, {
    before: entry,
    beforePostings: postings.before,
    after,
    written: postings.written,
    afterPostings: postings.after,
    noOverdraft: noOverdraftIds(ctx),
    budgetIds: openBudgetsFor(ctx, [after]),
    type: 'ledger.entry.updated',
  });
}

export function movementFromRecord(e: EntryRecord): Movement {
  return {
    kind: e.kind,
    accountId: e.accountId,
    currency: e.currency,
    amount: e.amount,
    toAccountId: e.toAccountId,
    toCurrency: e.toCurrency,
    toAmount: e.toAmount,
    categoryId: e.categoryId,
  };
}

/** A pending entry (a bill) is paid: it gets its postings and moves the balances. */
export async function markPosted(
  em: EntityManager,
  userId: string,
  id: string,
  date: LocalDate,
): Promise<EntryRecord> {
  const locked = await lockEntry(em, userId, id);
  const { entry } = locked;
  if (entry.status !== EntryStatus.PENDING)
    throw invalidState('The entry is already posted', { id });
  const command = checkShape({ ...commandOf(entry), date: optionalDate(date, 'date') });
  const ctx = await contextFor(em, entry, command);
  const movement = movementOf(ctx, command);
  const after: EntryRecord = {
    ...withMovement(entry, movement, command, new Date()),
    status: EntryStatus.POSTED,
  };
  after.postedVersion = after.version;
  const postings = await repost(em, ctx, locked, after, movement);
  return commitVersion(em, {
    before: entry,
    beforePostings: [],
    after,
    written: postings.written,
    afterPostings: postings.after,
    noOverdraft: noOverdraftIds(ctx),
    budgetIds: openBudgetsFor(ctx, [after]),
    type: 'ledger.entry.updated',
  });
}

/** Soft-deletes an entry: its postings are reversed, the row and its history stay. */
export async function deleteEntry(
  em: EntityManager,
  userId: string,
  id: string,
): Promise<EntryRecord> {
  const { entry, lastLine } = await lockEntry(em, userId, id);
  const ctx = await contextFor(em, entry, { ...commandOf(entry), categoryId: null });
  const before = (await effectivePostings(em, [entry.id])).get(entry.id) ?? [];
  const after: EntryRecord = {
    ...entry,
    deleted: true,
    version: entry.version + 1,
    postedVersion: null,
    updatedAt: new Date(),
  };
  return commitVersion(em, {
    before: entry,
    beforePostings: before,
    after,
    written: reversalsOf(before, after.version, lastLine),
    afterPostings: [],
    noOverdraft: noOverdraftIds(ctx),
    budgetIds: [],
    type: 'ledger.entry.deleted',
  });
}
