import { Money } from '@saldo/kit';
import { Field, ID, ObjectType } from 'type-graphql';
import type { BudgetRecord } from './budget.service';

@ObjectType('Budget', { description: 'A monthly spending limit on an expense category.' })
export class Budget {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'YYYY-MM' })
  month!: string;

  @Field(() => Money)
  limit!: Money;

  @Field(() => Money, {
    description:
      'Posted expenses of the month in the category and its subcategories (cards included).',
  })
  spent!: Money;

  @Field(() => Money, { description: 'limit - spent; negative once exceeded.' })
  remaining!: Money;

  @Field(() => Boolean)
  exceeded!: boolean;

  categoryId!: string;

  static from(b: BudgetRecord): Budget {
    return Object.assign(new Budget(), {
      id: b.id,
      month: b.month,
      limit: Money.of(b.limit, b.currency),
      spent: Money.of(b.spent, b.currency),
      remaining: Money.of(b.limit - b.spent, b.currency),
      exceeded: b.exceeded || b.spent > b.limit,
      categoryId: b.categoryId,
    });
  }
}
