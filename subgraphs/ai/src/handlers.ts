import type { EntrySnapshot } from '@saldo/events';
import type { Envelope, HandlerContext, HandlerMap } from '@saldo/kit';
import { entries } from './entries/entry.repository';
import type { ModelCache } from './categorise/model-cache';
import { forecastData } from './forecast/forecast.repository';
import { eraseUser } from './users/user-erasure';

/** Ledger entries feed the read model (and so each user's model); identity erases. */
export function handlers(models: ModelCache): HandlerMap {
  const entry = async (e: EntrySnapshot, ctx: HandlerContext) => {
    await entries.upsert(ctx.em, e);
    ctx.afterCommit(() => models.invalidate(e.userId));
  };
  // Every invoice event carries the invoice as it stands; the newest wins.
  const invoice = async (
    event: Pick<Envelope<'cards.invoice.updated'>, 'userId' | 'occurredAt' | 'data'>,
    ctx: HandlerContext,
  ) => {
    if (event.userId) {
      await forecastData.upsertInvoice(ctx.em, event.userId, event.data, event.occurredAt);
    }
  };
  return {
    'ledger.entry.created': (event, ctx) => entry(event.data.entry, ctx),
    'ledger.entry.updated': (event, ctx) => entry(event.data.entry, ctx),
    'ledger.entry.deleted': (event, ctx) => entry(event.data.entry, ctx),
    'ledger.account.created': (event, ctx) =>
      forecastData.upsertAccount(ctx.em, event.data.account, event.occurredAt),
    'ledger.account.updated': (event, ctx) =>
      forecastData.upsertAccount(ctx.em, event.data.account, event.occurredAt),
    'cards.invoice.updated': invoice,
    'cards.invoice.closed': invoice,
    'cards.invoice.due_soon': invoice,
    'cards.invoice.paid': invoice,
    'identity.user.deleted': async (event, ctx) => {
      await eraseUser(ctx.em, event.data.userId);
      ctx.afterCommit(() => models.invalidate(event.data.userId));
      ctx.log.info({ userId: event.data.userId }, 'user erased');
    },
  };
}
