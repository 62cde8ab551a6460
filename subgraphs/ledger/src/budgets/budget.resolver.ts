import { DecimalScalar, Scope, type RequestContext } from '@saldo/kit';
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
import { userOf } from '../common/request';
import { budgetService } from './budget.service';
import { Budget } from './budget.types';

@Resolver(() => Budget)
export class BudgetResolver {
  @Authorized(Scope.LEDGER_READ)
  @Query(() => [Budget], { description: 'Budgets of a month (YYYY-MM) with what was spent.' })
  async budgets(
    @Arg('month', () => String) month: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Budget[]> {
    return (await budgetService.list(ctx.em, userOf(ctx), month)).map((r) => Budget.from(r));
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
    @Ctx() ctx: RequestContext,
  ): Promise<Budget> {
    return Budget.from(
      await budgetService.set(ctx.em, userOf(ctx), { categoryId, month, limit, currency }),
    );
  }

  @FieldResolver(() => Category)
  async category(@Root() budget: Budget, @Ctx() ctx: RequestContext): Promise<Category | null> {
    const category = await categoryLoader(ctx).load(budget.categoryId);
    return category ? Category.from(category) : null;
  }
}
