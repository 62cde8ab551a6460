import { byKeys, type RequestContext } from '@saldo/kit';
import { userOf } from '../common/request';
import type { PostingRow } from './entry-sql';
import type { EntryRecord } from './entry.model';
import { entryService } from './entry.service';

/** The caller's live entries by id, batched per request; another user's id gives null. */
export const entryLoader = (ctx: RequestContext) =>
  ctx.loader<string, EntryRecord | null>('entries', async (ids) =>
    byKeys(ids, await entryService.byIds(ctx.em, userOf(ctx), ids), (e) => e.id),
  );

/** Postings in effect per entry id (the ids come from entries already scoped to the caller). */
export const postingsLoader = (ctx: RequestContext) =>
  ctx.loader<string, PostingRow[]>('postings', async (ids) => {
    const byEntry = await entryService.postings(ctx.em, ids);
    return ids.map((id) => byEntry.get(id) ?? []);
  });
