import { isValidTimeZone, type HandlerMap, query } from '@saldo/kit';
import type { Clock } from '@saldo/kit';
import { eraseUser } from './erasure';

/** Identity's events: time zones (the close follows them) and erasure. */
export function userHandlers(clock: Clock, defaultTimeZone: string): HandlerMap {
  const profile = async (
    e: { id: string; data: { userId: string; timeZone: string } },
    em: Parameters<typeof query>[0],
  ) => {
    const userId = e.data.userId.toLowerCase();
    const timeZone = isValidTimeZone(e.data.timeZone) ? e.data.timeZone : defaultTimeZone;
    // A later event (UUIDv7) wins; erased users stay erased.
    await query(
      em,
      `insert into users as u (id, time_zone, last_event_id)
       select ?::uuid, ?::text, ?::uuid
       where not exists (select 1 from erased_users where user_id = ?::uuid)
       on conflict (id) do update set time_zone = excluded.time_zone,
         last_event_id = excluded.last_event_id
       where u.last_event_id is null or u.last_event_id < excluded.last_event_id`,
      [userId, timeZone, e.id, userId],
    );
  };
  return {
    'identity.user.registered': (e, { em }) => profile(e, em),
    'identity.user.updated': (e, { em }) => profile(e, em),
    'identity.user.deleted': async (e, { em, log }) => {
      await eraseUser(em, e.data.userId.toLowerCase(), clock.now());
      log.info({ userId: e.data.userId }, 'user erased');
    },
  };
}
