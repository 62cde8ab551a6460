import type { EntrySnapshot } from '@saldo/events';
import type { HandlerContext, HandlerMap } from '@saldo/kit';
import { entries } from './entries/entry.repository';
import type { ModelCache } from './categorise/model-cache';
import { eraseUser } from './users/user-erasure';

/** Ledger entries feed the read model (and so each user's model); identity erases. */
export function handlers(models: ModelCache): HandlerMap {
  const entry = async (e: EntrySnapshot, ctx: HandlerContext) => {
    await entries.upsert(ctx.em, e);
    ctx.afterCommit(() => models.invalidate(e.userId));
  };
  return {
    'ledger.entry.created': (event, ctx) => entry(event.data.entry, ctx),
    'ledger.entry.updated': (event, ctx) => entry(event.data.entry, ctx),
    'ledger.entry.deleted': (event, ctx) => entry(event.data.entry, ctx),
    'identity.user.deleted': async (event, ctx) => {
      await eraseUser(ctx.em, event.data.userId);
      ctx.afterCommit(() => models.invalidate(event.data.userId));
      ctx.log.info({ userId: event.data.userId }, 'user erased');
    },
  };
}
