import { Scope, userOf } from '@saldo/kit';
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { AiContext } from '../services';
import { CategoryRule, CreateCategoryRuleInput, UpdateCategoryRuleInput } from './rule.types';

@Resolver(() => CategoryRule)
export class RuleResolver {
  @Authorized(Scope.LEDGER_READ)
  @Query(() => [CategoryRule], {
    description: 'Your category rules, oldest (first applied) first.',
  })
  async categoryRules(@Ctx() ctx: AiContext): Promise<CategoryRule[]> {
    return (await ctx.services.rules.list(ctx.em, userOf(ctx))).map((r) => CategoryRule.from(r));
  }

  @Authorized(Scope.LEDGER_WRITE)
  @Mutation(() => CategoryRule)
  async createCategoryRule(
    @Arg('input', () => CreateCategoryRuleInput) input: CreateCategoryRuleInput,
    @Ctx() ctx: AiContext,
  ): Promise<CategoryRule> {
    const { rule, applied } = await ctx.services.rules.create(ctx.em, userOf(ctx), input);
    return CategoryRule.from(rule, input.applyToExisting ? applied : null);
  }

  @Authorized(Scope.LEDGER_WRITE)
  @Mutation(() => CategoryRule, { description: 'NOT_FOUND unless it is yours.' })
  async updateCategoryRule(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateCategoryRuleInput) input: UpdateCategoryRuleInput,
    @Ctx() ctx: AiContext,
  ): Promise<CategoryRule> {
    return CategoryRule.from(await ctx.services.rules.update(ctx.em, userOf(ctx), id, input));
  }

  @Authorized(Scope.LEDGER_WRITE)
  @Mutation(() => Boolean, { description: 'NOT_FOUND unless it is yours.' })
  deleteCategoryRule(@Arg('id', () => ID) id: string, @Ctx() ctx: AiContext): Promise<boolean> {
    return ctx.services.rules.delete(ctx.em, userOf(ctx), id);
  }
}
