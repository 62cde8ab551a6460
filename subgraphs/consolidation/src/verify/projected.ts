import type { EntityManager } from '@saldo/kit';
import { sql } from '../common/sql';
import { activeSchema } from '../projection/generation';
import type { Balance } from './drift';

/** Every projected account's latest closing: initial balance plus all its days. */
export async function projectedBalances(
  em: EntityManager,
  userIds?: readonly string[],
): Promise<Balance[]> {
  const schema = await activeSchema(em);
  const rows = await sql<{ id: string; user_id: string; currency: string; closing: string }>(
    em,
    `select a.id, a.user_id, a.currency,
            (a.initial_balance + coalesce(sum(d.credits - d.debits), 0))::text as closing
       from ${schema}.accounts a left join ${schema}.account_days d on d.account_id = a.id
      where ?::uuid[] is null or a.user_id = any(?::uuid[])
      group by a.id order by a.user_id, a.id`,
    [userIds ?? null, userIds ?? null],
  );
  return rows.map((r) => ({
    accountId: r.id,
    userId: r.user_id,
    currency: r.currency,
    amount: BigInt(r.closing),
  }));
}

/** Users with projected accounts, a page at a time (keyset on id). */
export async function projectedUsers(
  em: EntityManager,
  after: string | null,
  limit: number,
): Promise<string[]> {
  const schema = await activeSchema(em);
  const rows = await sql<{ user_id: string }>(
    em,
    `select distinct user_id from ${schema}.accounts
      where ?::uuid is null or user_id > ?::uuid order by user_id limit ?`,
    [after, after, limit],
  );
  return rows.map((r) => r.user_id);
}
