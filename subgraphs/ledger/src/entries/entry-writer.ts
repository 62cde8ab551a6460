import { badInput, recordEvents, type EntityManager, type LocalDate } from '@saldo/kit';
import { overdraftError } from '../book/balances';
import { ensureNominals } from '../book/nominal';
import {
  buildPostings,
  netByAccount,
  nominalKeyString,
  requiredNominals,
  type NominalKey,
} from '../book/postings';
import { checkBudgets } from '../budgets/budget-check';
import { conflict } from '@saldo/kit';
import {
  loadEntryContext,
  noOverdraftIds,
  openBudgetsFor,
  type EntryContext,
} from './entry-context';
import { insertEntries, type EntryDelta, type InsertPlan } from './entry-insert';
import {
  budgetMonths,
  checkShape,
  draftOf,
  MAX_BATCH,
  type Draft,
  type EntryCommand,
} from './entry-input';
import { findCollisions, type PostingRow, type StoredEntry } from './entry-sql';
import { EntryStatus, type EntryRecord } from './entry.model';

/** Posting rows of a freshly created, posted entry. */
function postingsOf(draft: Draft, nominals: Map<string, string>): PostingRow[] {
  if (draft.record.status !== EntryStatus.POSTED) return [];
  const lines = buildPostings(draft.movement, (key) => {
    const id = nominals.get(nominalKeyString(key));
    if (!id) throw new Error(`nominal account ${nominalKeyString(key)} missing`);
    return id;
  });
  return lines.map((l, i) => ({
    ...l,
    entryId: draft.record.id,
    line: i + 1,
    date: draft.record.date,
    entryVersion: 1,
    reversal: false,
  }));
}

/** Makes sure every nominal account the drafts post to exists; extends the context. */
async function resolveNominals(
  em: EntityManager,
  userId: string,
  ctx: EntryContext,
  drafts: readonly Draft[],
): Promise<void> {
  const missing = new Map<string, NominalKey>();
  for (const d of drafts) {
    for (const key of requiredNominals(d.movement)) {
      const k = nominalKeyString(key);
      if (!ctx.nominals.has(k)) missing.set(k, key);
    }
  }
  if (missing.size === 0) return;
  // Idempotent and harmless if what follows fails: a nominal account is just a bucket.
  const created = await ensureNominals(em, userId, [...missing.values()]);
  for (const [k, id] of created) ctx.nominals.set(k, id);
}

/** A skipped insert is a replay when its input is the same; otherwise a CONFLICT. */
function replayOf(draft: Draft, existing: readonly StoredEntry[]): EntryRecord {
  const e = draft.record;
  const match =
    (draft.idempotencyKey && existing.find((x) => x.idempotencyKey === draft.idempotencyKey)) ||
    (e.externalId &&
      existing.find((x) => x.externalId === e.externalId && x.source === e.source)) ||
    (e.recurrenceId &&
      existing.find(
        (x) =>
          x.recurrenceId === e.recurrenceId && x.occurrenceDate === e.occurrenceDate && !x.deleted,
      ));
  if (!match) throw new Error(`entry ${e.id} was skipped but nothing collides with it`);
  if (e.recurrenceId) return match; // the scheduler re-materialising: nothing to compare
  if (match.requestHash !== e.requestHash) {
    const field = draft.idempotencyKey ? 'idempotencyKey' : 'externalId';
    throw conflict(`This ${field} was already used with a different input`, { field });
  }
  return match;
}

interface Plan extends InsertPlan {
  ctx: EntryContext;
  budgetIds: string[];
}

/** Validates the commands and computes everything the write needs. */
async function plan(
  em: EntityManager,
  userId: string,
  commands: readonly EntryCommand[],
  today: LocalDate,
): Promise<Plan> {
  if (commands.length === 0 || commands.length > MAX_BATCH) {
    throw badInput(`Between 1 and ${MAX_BATCH} entries at a time`, { field: 'inputs' });
  }
  const shaped = commands.map(checkShape);
  const ctx = await loadEntryContext(
    em,
    userId,
    shaped.flatMap((c) => (c.toAccountId ? [c.accountId, c.toAccountId] : [c.accountId])),
    shaped.flatMap((c) => (c.categoryId ? [c.categoryId] : [])),
    budgetMonths(shaped, today),
  );
  const now = new Date();
  const drafts = shaped.map((c) => draftOf(ctx, userId, c, today, now));
  const posted = drafts.filter((d) => d.record.status === EntryStatus.POSTED);
  await resolveNominals(em, userId, ctx, posted);
  const postings = new Map(posted.map((d) => [d.record.id, postingsOf(d, ctx.nominals)]));
  const deltas: EntryDelta[] = [...postings].flatMap(([entryId, rows]) =>
    [...netByAccount(rows)].map(([accountId, delta]) => ({ entryId, accountId, delta })),
  );
  const realAccounts = [...new Set(deltas.map((d) => d.accountId))].flatMap((id) => {
    const account = ctx.accounts.get(id);
    return account ? [{ id, currency: account.currency }] : [];
  });
  const budgetIds = openBudgetsFor(
    ctx,
    posted.map((d) => d.record),
  );
  return { userId, drafts, postings, deltas, realAccounts, ctx, budgetIds };
}

async function write(em: EntityManager, p: Plan): Promise<EntryRecord[]> {
  let inserted: Set<string>;
  try {
    inserted = await insertEntries(em, p);
  } catch (error) {
    const sums = new Map<string, bigint>();
    for (const d of p.deltas) sums.set(d.accountId, (sums.get(d.accountId) ?? 0n) + d.delta);
    throw overdraftError(error, sums, noOverdraftIds(p.ctx));
  }
  const skipped = p.drafts.filter((d) => !inserted.has(d.record.id));
  const collisions = skipped.length > 0 ? await findCollisions(em, p.userId, skipped) : [];
  const replays = new Map(skipped.map((d) => [d.record.id, replayOf(d, collisions)]));
  if (p.budgetIds.length > 0) await recordEvents(em, await checkBudgets(em, p.userId, p.budgetIds));
  return p.drafts.map((d) => replays.get(d.record.id) ?? d.record);
}

/** Whether a skipped entry could make the batch fail after others were written. */
const mayReplay = (d: Draft) =>
  d.idempotencyKey !== null || d.record.externalId !== null || d.record.recurrenceId !== null;

/**
 * Creates entries. The common case (no budget at stake; one entry, or a batch that
 * cannot collide) is two round trips: the context read, then one statement that writes
 * entries, postings, balances and outbox rows atomically. Budgets (lock, then sum) and
 * batches that may partly replay run in a transaction; inside the caller's transaction
 * (an event handler's, the scheduler's) everything joins it. Replays (same idempotency
 * key, external id or occurrence) return the entry first created.
 */
export async function writeEntries(
  em: EntityManager,
  userId: string,
  commands: readonly EntryCommand[],
  today: LocalDate,
): Promise<EntryRecord[]> {
  const p = await plan(em, userId, commands, today);
  const alone = p.budgetIds.length === 0 && (p.drafts.length === 1 || !p.drafts.some(mayReplay));
  if (alone || em.isInTransaction()) return write(em, p);
  return em.transactional((tx) => write(tx, p));
}
