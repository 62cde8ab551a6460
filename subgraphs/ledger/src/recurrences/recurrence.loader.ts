import { byKeys } from '@saldo/kit';
import { userOf } from '@saldo/kit';
import type { LedgerContext } from '../services';
import type { RecurrenceRecord } from './recurrence.model';

export const recurrenceLoader = (ctx: LedgerContext) =>
  ctx.loader<string, RecurrenceRecord | null>('recurrences', async (ids) =>
    byKeys(ids, await ctx.services.recurrences.byIds(ctx.em, userOf(ctx), ids), (r) => r.id),
  );
