import { byKeys, type RequestContext } from '@saldo/kit';
import { userOf } from '../common/request';
import type { RecurrenceRecord } from './recurrence.model';
import { recurrenceService } from './recurrence.service';

export const recurrenceLoader = (ctx: RequestContext) =>
  ctx.loader<string, RecurrenceRecord | null>('recurrences', async (ids) =>
    byKeys(ids, await recurrenceService.byIds(ctx.em, userOf(ctx), ids), (r) => r.id),
  );
