import { DEFAULT_TIME_ZONE, isValidTimeZone, type EntityManager } from '@saldo/kit';
import { query, queryOne } from '@saldo/kit';

/** Users' time zones, learnt from identity's events; the scheduler's days follow them. */
export const timeZones = {
  async set(em: EntityManager, userId: string, timeZone: string): Promise<void> {
    const zone = isValidTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE;
    await query(
      em,
      `insert into user_time_zones (user_id, time_zone) values (?::uuid, ?)
       on conflict (user_id) do update set time_zone = excluded.time_zone, updated_at = now()`,
      [userId, zone],
    );
  },

  async of(em: EntityManager, userId: string): Promise<string> {
    const row = await queryOne<{ time_zone: string }>(
      em,
      'select time_zone from user_time_zones where user_id = ?::uuid',
      [userId],
    );
    return row?.time_zone ?? DEFAULT_TIME_ZONE;
  },
};
