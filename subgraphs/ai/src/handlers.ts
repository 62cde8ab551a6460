import type { EntrySnapshot } from '@saldo/events';
import type { Envelope, HandlerContext, HandlerMap } from '@saldo/kit';
import { entries } from './entries/entry.repository';
import { autoCategorise } from './categorise/auto-categorise';
import { categories } from './categorise/categories';
import { forecastData } from './forecast/forecast.repository';
import type { AiServices } from './services';
import { eraseUser } from './users/user-erasure';

/**
 * Ledger entries feed the read model (and so each user's model; a new uncategorised entry
 * teaches nothing, so it keeps the model and may be auto-categorised), accounts, categories
 * and card invoices the forecast and cold start; identity erases.
 */
export function handlers({ models, suggestions }: AiServices): HandlerMap {
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
    'ledger.entry.created': async (event, ctx) => {
      const e = event.data.entry;
      if (e.categoryId !== null) return entry(e, ctx);
      await entries.upsert(ctx.em, e);
      await autoCategorise(ctx.em, suggestions, e);
    },
    'ledger.entry.updated': (event, ctx) => entry(event.data.entry, ctx),
    'ledger.entry.deleted': (event, ctx) => entry(event.data.entry, ctx),
    'ledger.account.created': (event, ctx) =>
      forecastData.upsertAccount(ctx.em, event.data.account, event.occurredAt),
    'ledger.account.updated': (event, ctx) =>
      forecastData.upsertAccount(ctx.em, event.data.account, event.occurredAt),
    'ledger.category.created': (event, ctx) =>
      categories.upsert(ctx.em, event.data.category, event.occurredAt),
    'ledger.category.updated': (event, ctx) =>
      categories.upsert(ctx.em, event.data.category, event.occurredAt),
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
