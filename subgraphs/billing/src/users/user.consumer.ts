import { isValidTimeZone, query, type EntityManager, type HandlerMap } from '@saldo/kit';
import { profileRepository } from '../profiles/profile.repository';

/**
 * Right to erasure: the user's charges, batches, files and billing profile, and their already published
 * outbox rows (payers' names and emails travel in them).
 */
export async function eraseUser(em: EntityManager, userId: string): Promise<void> {
  const statements = [
    'delete from charges where user_id = ?::uuid',
    // Their errors and chunks go with them (cascade); the files hold payers' data too.
    'delete from charge_batches where user_id = ?::uuid',
    'delete from billing_files where user_id = ?::uuid',
    'delete from billing_profiles where user_id = ?::uuid',
    'delete from kit_outbox where user_id = ?::uuid and sent_at is not null',
  ];
  for (const sql of statements) await query(em, sql, [userId]);
}

async function rememberZone(em: EntityManager, userId: string, timeZone: string): Promise<void> {
  if (isValidTimeZone(timeZone)) await profileRepository.setTimeZone(em, userId, timeZone);
}

/** Identity's events, handled inside the consumer's inbox transaction. */
export const userHandlers: HandlerMap = {
  'identity.user.registered': (event, { em }) =>
    rememberZone(em, event.data.userId, event.data.timeZone),
  'identity.user.updated': (event, { em }) =>
    rememberZone(em, event.data.userId, event.data.timeZone),
  'identity.user.deleted': async (event, { em, log }) => {
    await eraseUser(em, event.data.userId);
    log.info({ userId: event.data.userId }, 'user erased');
  },
};
