import type { EntityManager } from '@saldo/kit';
import { query } from '@saldo/kit';

/**
 * Records that `version` of a card or purchase is being applied; false when the same or a
 * newer version was applied already (a retried, older event), which must then be skipped.
 */
export async function claimVersion(
  em: EntityManager,
  userId: string,
  refId: string,
  version: number,
): Promise<boolean> {
  const rows = await query<{ ref_id: string }>(
    em,
    `insert into card_sync (ref_id, user_id, version) values (?::uuid, ?::uuid, ?)
     on conflict (ref_id) do update set version = excluded.version
       where card_sync.version < excluded.version and card_sync.user_id = excluded.user_id
     returning ref_id`,
    [refId, userId, version],
  );
  return rows.length === 1;
}

export async function eraseCardSync(em: EntityManager, userId: string): Promise<void> {
  await query(em, 'delete from card_sync where user_id = ?::uuid', [userId]);
}
