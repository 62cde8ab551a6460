import { LocalDateScalar, Money } from '@saldo/kit';
import { Field, ObjectType } from 'type-graphql';
import { CategoryKind } from '../categories/category.model';
import type { SummaryRecord } from './summary.service';

@ObjectType('CategoryTotal')
export class CategoryTotal {
  @Field(() => CategoryKind)
  kind!: CategoryKind;

  @Field(() => Money, { description: 'Positive: earned (income) or spent (expense).' })
  amount!: Money;

  categoryId!: string | null;
}

@ObjectType('Summary', { description: 'Income and expense of a period, in one currency.' })
export class Summary {
  @Field(() => LocalDateScalar)
  from!: string;

  @Field(() => LocalDateScalar)
  to!: string;

  @Field(() => String)
  currency!: string;

  @Field(() => Money)
  income!: Money;

  @Field(() => Money)
  expense!: Money;

  @Field(() => Money, { description: 'income - expense' })
  net!: Money;

  @Field(() => [CategoryTotal], { description: 'Largest first; category null = uncategorised.' })
  byCategory!: CategoryTotal[];

  static from(s: SummaryRecord): Summary {
    return Object.assign(new Summary(), {
      from: s.from,
      to: s.to,
      currency: s.currency,
      income: Money.of(s.income, s.currency),
      expense: Money.of(s.expense, s.currency),
      net: Money.of(s.income - s.expense, s.currency),
      byCategory: s.byCategory.map((t) =>
        Object.assign(new CategoryTotal(), {
          kind: t.kind,
          amount: Money.of(t.amount, s.currency),
          categoryId: t.categoryId,
        }),
      ),
    });
  }
}
