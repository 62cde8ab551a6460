import { Scope } from '@saldo/kit';
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
import { userOf } from '@saldo/kit';
import { CreateCategoryInput, UpdateCategoryInput } from './category.inputs';
import { categoryLoader } from './category.loader';
import { CategoryKind } from './category.model';
import { Category } from './category.types';
import type { LedgerContext } from '../services';

@Resolver(() => Category)
export class CategoryResolver {
  @Authorized(Scope.LEDGER_READ)
  @Query(() => [Category], { description: 'Your categories by kind and name.' })
  async categories(
    @Arg('includeArchived', () => Boolean, { defaultValue: false }) includeArchived: boolean,
    @Arg('kind', () => CategoryKind, { nullable: true }) kind: CategoryKind | null,
    @Ctx() ctx: LedgerContext,
  ): Promise<Category[]> {
    return (
      await ctx.services.categories.list(ctx.em, userOf(ctx), includeArchived, kind ?? null)
    ).map((r) => Category.from(r));
  }

  @Authorized(Scope.LEDGER_WRITE)
  @Mutation(() => Category)
  async createCategory(
    @Arg('input', () => CreateCategoryInput) input: CreateCategoryInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<Category> {
    return Category.from(await ctx.services.categories.create(ctx.em, userOf(ctx), input));
  }

  @Authorized(Scope.LEDGER_WRITE)
  @Mutation(() => Category)
  async updateCategory(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateCategoryInput) input: UpdateCategoryInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<Category> {
    categoryLoader(ctx).clearAll();
    return Category.from(await ctx.services.categories.update(ctx.em, userOf(ctx), id, input));
  }

  @Authorized(Scope.LEDGER_WRITE)
  @Mutation(() => Category, { description: 'Hides the category and refuses new entries in it.' })
  async archiveCategory(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: LedgerContext,
  ): Promise<Category> {
    categoryLoader(ctx).clearAll();
    return Category.from(await ctx.services.categories.archive(ctx.em, userOf(ctx), id));
  }

  @FieldResolver(() => Category, { nullable: true })
  async parent(@Root() category: Category, @Ctx() ctx: LedgerContext): Promise<Category | null> {
    if (!category.parentId) return null;
    const parent = await categoryLoader(ctx).load(category.parentId);
    return parent ? Category.from(parent) : null;
  }
}
