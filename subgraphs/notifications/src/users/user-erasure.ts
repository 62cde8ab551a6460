import { query, type EntityManager } from '@saldo/kit';

/**
 * Right to erasure: every row of the user (deliveries go with their notifications, and
 * the rest by user id), and the user's already published outbox rows.
 */
export async function eraseUser(em: EntityManager, userId: string): Promise<void> {
  const statements = [
    'delete from deliveries where user_id = ?::uuid',
    'delete from notifications where user_id = ?::uuid',
    'delete from webhook_endpoints where user_id = ?::uuid',
    'delete from push_subscriptions where user_id = ?::uuid',
    'delete from notification_preferences where user_id = ?::uuid',
    'delete from low_balance_alerts where user_id = ?::uuid',
    'delete from accounts where user_id = ?::uuid',
    'delete from cards where user_id = ?::uuid',
    'delete from bills where user_id = ?::uuid',
    'delete from user_profiles where user_id = ?::uuid',
    'delete from kit_outbox where user_id = ?::uuid and sent_at is not null',
  ];
  for (const sql of statements) await query(em, sql, [userId]);
}
