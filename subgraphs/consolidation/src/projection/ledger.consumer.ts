import { event, type BatchEventHandler, type HandlerMap, recordEvents } from '@saldo/kit';
import type { LedgerEventType, LedgerProjector } from './projector';

/**
 * The LEDGER stream's events, handed over in runs (stream order) inside the kit's
 * inbox transaction: a redelivered event is skipped by the inbox, an older version
 * of an entry by the projector.
 */
export function ledgerHandlers(projector: LedgerProjector): HandlerMap {
  const handler: BatchEventHandler<LedgerEventType> = {
    batch: async (events, { em, afterCommit }) => {
      const { reopened, at, created } = await projector.applyLive(em, events);
      afterCommit(created);
      await recordEvents(
        em,
        reopened.map((d) =>
          event('consolidation.day.reopened', d.userId, {
            userId: d.userId,
            date: d.day,
            reopenedAt: at.toISOString(),
          }),
        ),
      );
    },
  };
  return {
    'ledger.entry.created': handler,
    'ledger.entry.updated': handler,
    'ledger.entry.deleted': handler,
    'ledger.account.created': handler,
    'ledger.account.updated': handler,
  };
}
