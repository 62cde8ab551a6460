import {
  byKeys,
  callerOnlyUserReference,
  requireScope,
  Scope,
  type ReferenceResolver,
} from '@saldo/kit';
import { User } from './common/stubs';
import { Notification } from './notifications/notification.types';
import type { NotificationsContext } from './services';

/** Batched per request by the kit; another user's id resolves to null. */
export const references: Record<string, ReferenceResolver<NotificationsContext>> = {
  Notification: async (ids, ctx) => {
    const userId = requireScope(ctx.caller, Scope.PROFILE);
    const rows = await ctx.services.notifications.byIds(ctx.em, userId, ids);
    return byKeys(
      ids,
      rows.map((r) => Notification.from(r)),
      (n) => n.id,
    );
  },
  User: callerOnlyUserReference(Scope.PROFILE, (id) => User.of(id)),
};
