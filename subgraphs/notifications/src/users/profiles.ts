import {
  DEFAULT_TIME_ZONE,
  isValidTimeZone,
  query,
  queryOne,
  type EntityManager,
} from '@saldo/kit';

export interface Profile {
  userId: string;
  email: string | null;
  name: string;
  locale: string;
  timeZone: string;
}

/** What identity told us about a user; defaults when it has not (yet). */
export const profiles = {
  async upsert(
    em: EntityManager,
    p: { userId: string; email: string; name: string; locale: string; timeZone: string },
  ): Promise<void> {
    const zone = isValidTimeZone(p.timeZone) ? p.timeZone : DEFAULT_TIME_ZONE;
    await query(
      em,
      `insert into user_profiles (user_id, email, name, locale, time_zone) values (?::uuid, ?, ?, ?, ?)
       on conflict (user_id) do update set email = excluded.email, name = excluded.name,
         locale = excluded.locale, time_zone = excluded.time_zone, updated_at = now()`,
      [p.userId, p.email, p.name, p.locale, zone],
    );
  },

  async ofMany(em: EntityManager, userIds: readonly string[]): Promise<Profile[]> {
    const rows = await query<{
      user_id: string;
      email: string;
      name: string;
      locale: string;
      time_zone: string;
    }>(
      em,
      'select user_id, email, name, locale, time_zone from user_profiles where user_id = any(?::uuid[])',
      [userIds],
    );
    const byId = new Map(rows.map((r) => [r.user_id, r]));
    return userIds.map((userId) => {
      const row = byId.get(userId);
      return {
        userId,
        email: row?.email ?? null,
        name: row?.name ?? '',
        locale: row?.locale ?? 'pt-BR',
        timeZone: row?.time_zone ?? DEFAULT_TIME_ZONE,
      };
    });
  },

  async of(em: EntityManager, userId: string): Promise<Profile> {
    const row = await queryOne<{ email: string; name: string; locale: string; time_zone: string }>(
      em,
      'select email, name, locale, time_zone from user_profiles where user_id = ?::uuid',
      [userId],
    );
    return {
      userId,
      email: row?.email ?? null,
      name: row?.name ?? '',
      locale: row?.locale ?? 'pt-BR',
      timeZone: row?.time_zone ?? DEFAULT_TIME_ZONE,
    };
  },
};
