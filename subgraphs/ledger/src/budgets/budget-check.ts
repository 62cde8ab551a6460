import { event, toMoney, type EntityManager, type PendingEvent } from '@saldo/kit';
import { query } from '@saldo/kit';

/**
 * Spending of budget `b` in its month and currency: postings on the expense accounts of
 * its category and of the category's children (card installments are expenses too).
 */
export const SPENT_SQL = `coalesce((
  select sum(p.amount) from postings p join accounts a on a.id = p.account_id
   where a.user_id = b.user_id and a.class = 'EXPENSE' and a.currency = b.currency
     and a.category_id in (select c.id from categories c
                            where c.id = b.category_id or c.parent_id = b.category_id)
     and p.date >= to_date(b.month, 'YYYY-MM')
     and p.date < (to_date(b.month, 'YYYY-MM') + interval '1 month')::date), 0)`;

interface ExceededRow extends Record<string, unknown> {
  category_id: string;
  month: string;
  limit_amount: string;
  currency: string;
  spent: string;
}

/**
 * Marks the budgets whose spending went over the limit and returns one
 * `ledger.budget.exceeded` each. The rows are locked first, and spending is summed in
 * a later statement: two concurrent expenses that together cross the limit are seen
 * by whichever commits second, and `exceeded_at` makes the alert fire once per month.
 */
export async function checkBudgets(
  em: EntityManager,
  userId: string,
  budgetIds: readonly string[],
): Promise<PendingEvent[]> {
  if (budgetIds.length === 0) return [];
  const ids = [...new Set(budgetIds)];
  await query(
    em,
    `select id from budgets where id = any(array[?]::uuid[]) and user_id = ?::uuid
      order by id for update`,
    [ids, userId],
  );
  const rows = await query<ExceededRow>(
    em,
    `with s as (
       select b.id, ${SPENT_SQL} as spent from budgets b
        where b.id = any(array[?]::uuid[]) and b.exceeded_at is null)
     update budgets b set exceeded_at = now(), updated_at = now() from s
      where b.id = s.id and s.spent > b.limit_amount
     returning b.category_id, b.month, b.limit_amount, b.currency, s.spent`,
    [ids],
  );
  return rows.map((r) =>
    event('ledger.budget.exceeded', userId, {
      categoryId: r.category_id,
      month: r.month,
      limit: toMoney(BigInt(r.limit_amount), r.currency),
      spent: toMoney(BigInt(r.spent), r.currency),
    }),
  );
}
