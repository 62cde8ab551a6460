import type { HandlerMap } from '@saldo/kit';
import { entryReadModel } from './entry-read-model';

/** The ledger's entry events keep the read model duplicates are found in. */
export const entryHandlers: HandlerMap = {
  'ledger.entry.created': (event, { em }) => entryReadModel.apply(em, event.data.entry),
  'ledger.entry.updated': (event, { em }) => entryReadModel.apply(em, event.data.entry),
  'ledger.entry.deleted': (event, { em }) => entryReadModel.apply(em, event.data.entry),
};
