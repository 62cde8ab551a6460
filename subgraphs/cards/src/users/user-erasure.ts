import type { EntityManager } from '@saldo/kit';
import { query } from '@saldo/kit';

/**
 * Right to erasure: every row of the user, children first, and the user's already
 * published outbox rows (unsent ones are left for the relay; consumers erase on the
 * same event).
 */
export async function eraseUser(em: EntityManager, userId: string): Promise<void> {
  const statements = [
    'delete from payments where user_id = ?::uuid',
    'delete from invoice_adjustments where user_id = ?::uuid',
    'delete from installments where user_id = ?::uuid',
    'delete from purchases where user_id = ?::uuid',
    'delete from invoices where user_id = ?::uuid',
    'delete from cards where user_id = ?::uuid',
    'delete from user_time_zones where user_id = ?::uuid',
    'delete from kit_outbox where user_id = ?::uuid and sent_at is not null',
  ];
  for (const sql of statements) await query(em, sql, [userId]);
}
