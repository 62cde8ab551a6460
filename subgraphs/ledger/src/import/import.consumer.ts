import type { HandlerMap } from '@saldo/kit';
import type { ImportBooking } from './import-booking';

/** The import subgraph's confirmed chunks, added to `base`. */
export function importHandlers(base: HandlerMap, booking: ImportBooking): HandlerMap {
  return {
    ...base,
    'import.rows.confirmed': async (event, { em, log }) => {
      if (!event.userId) throw new Error('import.rows.confirmed without a user');
      await booking.book(em, event.userId, event.data, log);
    },
  };
}
