import type { HandlerMap } from '@saldo/kit';
import type { CategoryService } from '../categories/category.service';
import { eraseUser } from './user-erasure';

/** Identity's events, handled inside the consumer's inbox transaction. */
export function userHandlers(categories: CategoryService): HandlerMap {
  return {
    'identity.user.registered': async (event, { em, log }) => {
      const created = await categories.createDefaults(em, event.data.userId, event.data.locale);
      log.info({ userId: event.data.userId, created }, 'default categories created');
    },
    'identity.user.deleted': async (event, { em, log }) => {
      await eraseUser(em, event.data.userId);
      log.info({ userId: event.data.userId }, 'user erased');
    },
  };
}
