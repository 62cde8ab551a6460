import { DecimalScalar, Scope } from '@saldo/kit';
import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { categoryLoader } from '../categories/category.loader';
import { Category } from '../categories/category.types';
import { userOf } from '@saldo/kit';
import { Budget } from './budget.types';
import type { LedgerContext } from '../services';

@Resolver(() => Budget)
export class BudgetResolver {
  @Authorized(Scope.LEDGER_READ)
  @Query(() => [Budget], { description: 'Budgets of a month (YYYY-MM) with what was spent.' })
  async budgets(
    @Arg('month', () => String) month: string,
    @Ctx() ctx: LedgerContext,
  ): Promise<Budget[]> {
    return (await ctx.services.budgets.list(ctx.em, userOf(ctx), month)).map((r) => Budget.from(r));
  }

  @Authorized(Scope.LEDGER_WRITE)
  @Mutation(() => Budget, {
    description: 'Creates or changes the limit of a category for a month.',
  })
  async setBudget(
    @Arg('categoryId', () => ID) categoryId: string,
    @Arg('month', () => String, { description: 'YYYY-MM' }) month: string,
    @Arg('limit', () => DecimalScalar) limit: string,
    @Arg('currency', () => String, {
      nullable: true,
      description: 'Defaults to the currency of your oldest account.',
    })
    currency: string | null,
    @Ctx() ctx: LedgerContext,
  ): Promise<Budget> {
    return Budget.from(
      await ctx.services.budgets.set(ctx.em, userOf(ctx), { categoryId, month, limit, currency }),
    );
  }

  @FieldResolver(() => Category)
  async category(@Root() budget: Budget, @Ctx() ctx: LedgerContext): Promise<Category | null> {
    const category = await categoryLoader(ctx).load(budget.categoryId);
    return category ? Category.from(category) : null;
  }
}
