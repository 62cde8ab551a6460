import { assertLocalDate, badInput, type EntityManager } from '@saldo/kit';
import type { AccountService } from '../accounts/account.service';
import { CategoryKind } from '../categories/category.model';
import { currencyCode } from '../common/input';
import { query } from '@saldo/kit';

export interface CategoryTotal {
  categoryId: string | null;
  kind: CategoryKind;
  /** Positive: money earned (income) or spent (expense). */
  amount: bigint;
}

export interface SummaryRecord {
  from: string;
  to: string;
  currency: string;
  income: bigint;
  expense: bigint;
  byCategory: CategoryTotal[];
}

interface TotalRow extends Record<string, unknown> {
  class: 'INCOME' | 'EXPENSE';
  category_id: string | null;
  total: string;
}

/**
 * Income and expense of a period read straight off the nominal accounts: the sum of
 * their postings (edits and deletes already reversed). Transfers touch none of them.
 */
export class SummaryService {
  constructor(private readonly accounts: AccountService) {}

  async summary(
    em: EntityManager,
    userId: string,
    range: { from: string; to: string; currency?: string | null },
  ): Promise<SummaryRecord> {
    const from = assertLocalDate(range.from, 'from');
    const to = assertLocalDate(range.to, 'to');
    if (from > to) throw badInput('`from` must not be after `to`', { field: 'from' });
    const currency = range.currency
      ? currencyCode(range.currency)
      : await this.accounts.primaryCurrency(em, userId);
    const rows = await query<TotalRow>(
      em,
      `select a.class, a.category_id, sum(p.amount) as total
         from accounts a join postings p on p.account_id = a.id
        where a.user_id = ?::uuid and a.class in ('INCOME', 'EXPENSE') and a.currency = ?
          and p.date between ?::date and ?::date
        group by a.class, a.category_id`,
      [userId, currency, from, to],
    );
    const byCategory = rows
      .map((r) => {
        const kind = r.class === 'INCOME' ? CategoryKind.INCOME : CategoryKind.EXPENSE;
        const total = BigInt(r.total);
        return {
          categoryId: r.category_id,
          kind,
          amount: kind === CategoryKind.INCOME ? -total : total,
        };
      })
      .filter((t) => t.amount !== 0n)
      .sort((a, b) => (a.amount === b.amount ? 0 : a.amount > b.amount ? -1 : 1));
    const sum = (kind: CategoryKind) =>
      byCategory.filter((t) => t.kind === kind).reduce((acc, t) => acc + t.amount, 0n);
    return {
      from,
      to,
      currency,
      income: sum(CategoryKind.INCOME),
      expense: sum(CategoryKind.EXPENSE),
      byCategory,
    };
  }
}
