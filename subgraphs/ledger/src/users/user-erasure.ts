import type { EntityManager } from '@saldo/kit';
import { query } from '@saldo/kit';

/**
 * Right to erasure: every row of the user, children first. Postings are append-only
 * against updates, not deletes. Published outbox rows of the user go too; unsent ones
 * are left for the relay (their consumers erase the user on the same event).
 */
export async function eraseUser(em: EntityManager, userId: string): Promise<void> {
  const statements = [
    'delete from entry_revisions where entry_id in (select id from entries where user_id = ?::uuid)',
    'delete from postings where entry_id in (select id from entries where user_id = ?::uuid)',
    'delete from entries where user_id = ?::uuid',
    'delete from budgets where user_id = ?::uuid',
    'delete from recurrences where user_id = ?::uuid',
    'delete from accounts where user_id = ?::uuid',
    'delete from categories where user_id = ?::uuid',
    'delete from kit_outbox where user_id = ?::uuid and sent_at is not null',
  ];
  for (const sql of statements) await query(em, sql, [userId]);
}
