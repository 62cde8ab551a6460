import type { BatchEventHandler, HandlerMap } from '@saldo/kit';
import { entryReadModel } from './entry-read-model';

type EntryEventType = 'ledger.entry.created' | 'ledger.entry.updated' | 'ledger.entry.deleted';

/** The ledger's entry events keep the read model duplicates are found in, a run at a time. */
const entries: BatchEventHandler<EntryEventType> = {
  batch: (events, { em }) =>
    entryReadModel.applyMany(
      em,
      events.map((e) => e.data.entry),
    ),
};

export const entryHandlers: HandlerMap = {
  'ledger.entry.created': entries,
  'ledger.entry.updated': entries,
  'ledger.entry.deleted': entries,
};
