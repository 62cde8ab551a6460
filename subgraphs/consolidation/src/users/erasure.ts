import { query } from '@saldo/kit';
import type { EntityManager } from '@saldo/kit';
import { excludeWriters, generationSchemas } from '../projection/generation';

/**
 * Right to erasure: the user's rows in every generation (active, previous, one being
 * rebuilt), its days and their history, and the sent outbox rows that carried its
 * numbers. The id stays in `erased_users` so late ledger events do not bring data back
 * (a rebuild's switch also drops erased users' rows).
 */
export async function eraseUser(em: EntityManager, userId: string, now: Date): Promise<void> {
  // No ledger batch runs meanwhile: one that checked for erasure before this commits
  // cannot write the user's rows back after it.
  await excludeWriters(em);
  await query(
    em,
    'insert into erased_users (user_id, erased_at) values (?, ?) on conflict do nothing',
    [userId, now],
  );
  for (const schema of await generationSchemas(em)) await eraseFrom(em, schema, [userId]);
  for (const statement of [
    'delete from days where user_id = ?',
    'delete from day_history where user_id = ?',
    'delete from users where id = ?',
    'delete from kit_outbox where user_id = ? and sent_at is not null',
  ])
    await query(em, statement, [userId]);
}

/** Deletes users' rows from one generation. */
export async function eraseFrom(
  em: EntityManager,
  schema: string,
  userIds: readonly string[],
): Promise<void> {
  if (userIds.length === 0) return;
  await query(
    em,
    `delete from ${schema}.account_days where account_id in
       (select id from ${schema}.accounts where user_id = any(?::uuid[]))`,
    [userIds],
  );
  for (const table of ['user_days', 'entries', 'accounts'])
    await query(em, `delete from ${schema}.${table} where user_id = any(?::uuid[])`, [userIds]);
}

/** Deletes every erased user's rows from one generation (a rebuild's, before it goes live). */
export async function eraseErased(em: EntityManager, schema: string): Promise<void> {
  const erased = 'select user_id from erased_users';
  await query(
    em,
    `delete from ${schema}.account_days where account_id in
       (select id from ${schema}.accounts where user_id in (${erased}))`,
  );
  for (const table of ['user_days', 'entries', 'accounts'])
    await query(em, `delete from ${schema}.${table} where user_id in (${erased})`);
}
