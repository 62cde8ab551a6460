import type { HandlerMap } from '@saldo/kit';
import { eraseUser } from './user-erasure';

/** Identity's events, handled inside the consumer's inbox transaction. */
export const userHandlers: HandlerMap = {
  'identity.user.deleted': async (event, { em, log }) => {
    await eraseUser(em, event.data.userId);
    log.info({ userId: event.data.userId }, 'user erased');
  },
};
