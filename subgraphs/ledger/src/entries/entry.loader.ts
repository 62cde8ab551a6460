import { byKeys } from '@saldo/kit';
import { userOf } from '@saldo/kit';
import type { LedgerContext } from '../services';
import type { PostingRow } from './entry-sql';
import type { EntryRecord } from './entry.model';

/** The caller's live entries by id, batched per request; another user's id gives null. */
export const entryLoader = (ctx: LedgerContext) =>
  ctx.loader<string, EntryRecord | null>('entries', async (ids) =>
    byKeys(ids, await ctx.services.entries.byIds(ctx.em, userOf(ctx), ids), (e) => e.id),
  );

/** Postings in effect per entry id (the ids come from entries already scoped to the caller). */
export const postingsLoader = (ctx: LedgerContext) =>
  ctx.loader<string, PostingRow[]>('postings', async (ids) => {
    const byEntry = await ctx.services.entries.postings(ctx.em, ids);
    return ids.map((id) => byEntry.get(id) ?? []);
  });
