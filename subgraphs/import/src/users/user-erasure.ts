import { query, type EntityManager } from '@saldo/kit';

/**
 * Right to erasure: the user's jobs (rows and chunks cascade), files (parts cascade),
 * mappings, the read model of their entries, and their already published outbox rows.
 */
export async function eraseUser(em: EntityManager, userId: string): Promise<void> {
  const statements = [
    'delete from import_jobs where user_id = ?::uuid',
    'delete from files where user_id = ?::uuid',
    'delete from csv_mappings where user_id = ?::uuid',
    'delete from ledger_entries where user_id = ?::uuid',
    'delete from kit_outbox where user_id = ?::uuid and sent_at is not null',
  ];
  for (const sql of statements) await query(em, sql, [userId]);
}
