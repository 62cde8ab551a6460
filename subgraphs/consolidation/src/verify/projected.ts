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

/** Every projected account's latest closing, in account id order, `pageSize` at a time. */
export async function* projectedBalancePages(
  em: EntityManager,
  pageSize: number,
): AsyncGenerator<Balance[]> {
  const schema = await activeSchema(em);
  for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
    const rows = await sql<{ id: string; user_id: string; currency: string; closing: string }>(
      em,
      `select a.id, a.user_id, a.currency,
              (a.initial_balance + coalesce((select sum(d.credits - d.debits)
                 from ${schema}.account_days d where d.account_id = a.id), 0))::text as closing
         from ${schema}.accounts a where a.id > ?::uuid order by a.id limit ?`,
      [after, pageSize],
    );
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      accountId: r.id,
      userId: r.user_id,
      currency: r.currency,
      amount: BigInt(r.closing),
    }));
    after = rows[rows.length - 1]!.id;
  }
}
