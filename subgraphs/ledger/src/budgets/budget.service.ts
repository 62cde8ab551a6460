import { assertMonth, badInput, recordEvents, newId, type EntityManager } from '@saldo/kit';
import type { AccountService } from '../accounts/account.service';
import type { CategoryService } from '../categories/category.service';
import { CategoryKind } from '../categories/category.model';
import { currencyCode, positiveAmount } from '../common/input';
import { query, queryOne } from '@saldo/kit';
import { checkBudgets, SPENT_SQL } from './budget-check';

export interface BudgetRecord {
  id: string;
  categoryId: string;
  month: string;
  limit: bigint;
  currency: string;
  spent: bigint;
  exceeded: boolean;
}

interface BudgetRow extends Record<string, unknown> {
  id: string;
  category_id: string;
  month: string;
  limit_amount: string;
  currency: string;
  spent: string;
  exceeded: boolean;
}

const BUDGET_SELECT = `select b.id, b.category_id, b.month, b.limit_amount, b.currency,
  ${SPENT_SQL} as spent, b.exceeded_at is not null as exceeded from budgets b`;

function toBudget(row: BudgetRow): BudgetRecord {
  return {
    id: row.id,
    categoryId: row.category_id,
    month: row.month,
    limit: BigInt(row.limit_amount),
    currency: row.currency,
    spent: BigInt(row.spent),
    exceeded: row.exceeded,
  };
}

export interface BudgetInput {
  categoryId: string;
  month: string;
  limit: string;
  currency?: string | null;
}

export class BudgetService {
  constructor(
    private readonly categories: CategoryService,
    private readonly accounts: AccountService,
  ) {}

  async list(em: EntityManager, userId: string, month: string): Promise<BudgetRecord[]> {
    const rows = await query<BudgetRow>(
      em,
      `${BUDGET_SELECT} where b.user_id = ?::uuid and b.month = ? order by b.created_at, b.id`,
      [userId, assertMonth(month)],
    );
    return rows.map(toBudget);
  }

  /**
   * Sets the limit of an expense category for a month (and its subcategories). If the
   * month's spending is already over it, the alert fires now, once.
   */
  async set(em: EntityManager, userId: string, input: BudgetInput): Promise<BudgetRecord> {
    const month = assertMonth(input.month);
    const category = await this.categories.get(em, userId, input.categoryId, 'categoryId');
    if (category.kind !== CategoryKind.EXPENSE) {
      throw badInput('Budgets are for expense categories', { field: 'categoryId' });
    }
    const currency = input.currency
      ? currencyCode(input.currency)
      : await this.accounts.primaryCurrency(em, userId);
    const limit = positiveAmount(input.limit, currency, 'limit');
    return em.transactional(async (tx) => {
      const saved = await queryOne<{ id: string }>(
        tx,
        `insert into budgets (id, user_id, category_id, month, limit_amount, currency)
         values (?::uuid, ?::uuid, ?::uuid, ?, ?::bigint, ?)
         on conflict (user_id, category_id, month)
         do update set limit_amount = excluded.limit_amount, currency = excluded.currency,
                       updated_at = now()
         returning id`,
        [newId(), userId, category.id, month, limit, currency],
      );
      await recordEvents(tx, await checkBudgets(tx, userId, [saved!.id]));
      const row = await queryOne<BudgetRow>(tx, `${BUDGET_SELECT} where b.id = ?::uuid`, [
        saved!.id,
      ]);
      return toBudget(row!);
    });
  }
}
