import type { HandlerMap } from '@saldo/kit';
import { eraseUser } from './user-erasure';
import { timeZones } from './time-zones';

/** Identity's events, handled inside the consumer's inbox transaction. */
export const userHandlers: HandlerMap = {
  'identity.user.registered': async (event, { em }) => {
    await timeZones.set(em, event.data.userId, event.data.timeZone);
  },
  'identity.user.updated': async (event, { em }) => {
    await timeZones.set(em, event.data.userId, event.data.timeZone);
  },
  'identity.user.deleted': async (event, { em, log }) => {
    await eraseUser(em, event.data.userId);
    log.info({ userId: event.data.userId }, 'user erased');
  },
};
