import type { CategorySnapshot } from '@saldo/events';
import { query, type EntityManager } from '@saldo/kit';
import type { MerchantGroup } from './merchants';
import type { EntryKind } from './model';

/** The ledger default (by key) each built-in merchant group goes to for a new user. */
export const GROUP_DEFAULTS: Readonly<Record<MerchantGroup, string>> = {
  FOOD_DELIVERY: 'dining',
  RESTAURANTS: 'dining',
  GROCERIES: 'groceries',
  TRANSPORT: 'transport',
  FUEL: 'transport',
  SUBSCRIPTIONS: 'subscriptions',
  PHARMACY: 'health',
  TELECOM: 'bills',
  UTILITIES: 'bills',
  BANK_FEES: 'taxes',
  TAXES: 'taxes',
  TRANSFERS: 'transfers',
  SHOPPING: 'shopping',
  TRAVEL: 'travel',
  SALARY: 'salary',
};

export interface DefaultCategory {
  id: string;
  kind: EntryKind;
}

/** The user's categories as ai keeps them; every read scoped to one user. */
export const categories = {
  /** The newest state seen wins (by the event's time). */
  async upsert(em: EntityManager, c: CategorySnapshot, seenAt: string): Promise<void> {
    await query(
      em,
      `insert into categories (id, user_id, name, kind, default_key, archived, seen_at)
       values (?::uuid, ?::uuid, ?, ?, ?, ?, ?::timestamptz)
       on conflict (id) do update set
         name = excluded.name, kind = excluded.kind, default_key = excluded.default_key,
         archived = excluded.archived, seen_at = excluded.seen_at
       where categories.seen_at <= excluded.seen_at and categories.user_id = excluded.user_id`,
      [c.id, c.userId, c.name, c.kind, c.defaultKey, c.archived, seenAt],
    );
  },

  /** The user's live built-in categories by key. */
  async defaults(em: EntityManager, userId: string): Promise<Map<string, DefaultCategory>> {
    const rows = await query<{ id: string; kind: EntryKind; default_key: string }>(
      em,
      `select id, kind, default_key from categories
       where user_id = ?::uuid and default_key is not null and not archived`,
      [userId],
    );
    return new Map(rows.map((r) => [r.default_key, { id: r.id, kind: r.kind }]));
  },
};
