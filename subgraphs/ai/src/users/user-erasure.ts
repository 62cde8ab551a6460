import { query, type EntityManager } from '@saldo/kit';

/** Right to erasure: the user's entries (the model's training data), rules, accounts and invoices. */
export async function eraseUser(em: EntityManager, userId: string): Promise<void> {
  const statements = [
    'delete from entries where user_id = ?::uuid',
    'delete from category_rules where user_id = ?::uuid',
    'delete from accounts where user_id = ?::uuid',
    'delete from card_invoices where user_id = ?::uuid',
    'delete from monthly_reports where user_id = ?::uuid',
    'delete from categories where user_id = ?::uuid',
    'delete from ai_settings where user_id = ?::uuid',
    'delete from kit_outbox where user_id = ?::uuid and sent_at is not null',
  ];
  for (const sql of statements) await query(em, sql, [userId]);
}
