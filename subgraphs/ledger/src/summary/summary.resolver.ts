import { LocalDateScalar, Scope } from '@saldo/kit';
import { Arg, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { categoryLoader } from '../categories/category.loader';
import { Category } from '../categories/category.types';
import { userOf } from '@saldo/kit';
import { CategoryTotal, Summary } from './summary.types';
import type { LedgerContext } from '../services';

@Resolver(() => Summary)
export class SummaryResolver {
  @Authorized(Scope.LEDGER_READ)
  @Query(() => Summary, {
    description: 'Income, expense, net and totals by category, dates inclusive.',
  })
  async summary(
    @Arg('from', () => LocalDateScalar) from: string,
    @Arg('to', () => LocalDateScalar) to: string,
    @Arg('currency', () => String, {
      nullable: true,
      description: 'Defaults to the currency of your oldest account.',
    })
    currency: string | null,
    @Ctx() ctx: LedgerContext,
  ): Promise<Summary> {
    return Summary.from(
      await ctx.services.summary.summary(ctx.em, userOf(ctx), { from, to, currency }),
    );
  }
}

@Resolver(() => CategoryTotal)
export class CategoryTotalResolver {
  @FieldResolver(() => Category, { nullable: true })
  async category(
    @Root() total: CategoryTotal,
    @Ctx() ctx: LedgerContext,
  ): Promise<Category | null> {
    const category = total.categoryId ? await categoryLoader(ctx).load(total.categoryId) : null;
    return category ? Category.from(category) : null;
  }
}
