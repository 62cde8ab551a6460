import { query } from '@saldo/kit';
import type { EntityManager, SqlValue } from '@saldo/kit';
import { activeSchema } from '../projection/generation';
import type { Balance } from './drift';

/** Projected accounts matching `where` with their latest closing: initial balance plus all days. */
async function closings(em: EntityManager, where: string, params: SqlValue[]): Promise<Balance[]> {
  const schema = await activeSchema(em);
  const rows = await query<{ id: string; user_id: string; currency: string; closing: string }>(
    em,
    `select a.id, a.user_id, a.currency,
            (a.initial_balance + coalesce((select sum(d.credits - d.debits)
               from ${schema}.account_days d where d.account_id = a.id), 0))::text as closing
       from ${schema}.accounts a ${where}`,
    params,
  );
  return rows.map((r) => ({
    accountId: r.id,
    userId: r.user_id,
    currency: r.currency,
    amount: BigInt(r.closing),
  }));
}

/** Every projected account's latest closing (or those of some users), by user and id. */
export function projectedBalances(
  em: EntityManager,
  userIds?: readonly string[],
): Promise<Balance[]> {
  return closings(
    em,
    'where ?::uuid[] is null or a.user_id = any(?::uuid[]) order by a.user_id, a.id',
    [userIds ?? null, userIds ?? null],
  );
}

/** Every projected account's latest closing, in account id order, `pageSize` at a time. */
export async function* projectedBalancePages(
  em: EntityManager,
  pageSize: number,
): AsyncGenerator<Balance[]> {
  for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
    const page = await closings(em, 'where a.id > ?::uuid order by a.id limit ?', [
      after,
      pageSize,
    ]);
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1]!.accountId;
  }
}
