import { Scope, userOf } from '@saldo/kit';
import { Arg, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { EntryRef } from '../common/stubs';
import type { AiContext } from '../services';
import { MAX_SUGGESTIONS, type Suggestion } from './suggestion.service';
import { CategorySuggestion, SuggestCategoryInput } from './suggestion.types';

@Resolver()
export class SuggestionResolver {
  @Authorized(Scope.LEDGER_READ)
  @Query(() => [CategorySuggestion], {
    nullable: 'items',
    description:
      'Up to 1,000 lines (e.g. an import preview); answers in input order, null = abstain.',
  })
  async suggestCategories(
    @Arg('inputs', () => [SuggestCategoryInput]) inputs: SuggestCategoryInput[],
    @Ctx() ctx: AiContext,
  ): Promise<(CategorySuggestion | null)[]> {
    const suggestions = await ctx.services.suggestions.suggest(ctx.em, userOf(ctx), inputs);
    return suggestions.map((s) => (s ? CategorySuggestion.from(s) : null));
  }
}

@Resolver(() => EntryRef)
export class EntrySuggestionResolver {
  @Authorized(Scope.LEDGER_READ)
  @FieldResolver(() => CategorySuggestion, {
    nullable: true,
    description: 'Null when it abstains or the entry already has a category.',
  })
  async categorySuggestion(
    @Root() entry: EntryRef,
    @Ctx() ctx: AiContext,
  ): Promise<CategorySuggestion | null> {
    const userId = userOf(ctx);
    const loader = ctx.loader<string, Suggestion | null>('entrySuggestions', async (ids) => {
      const rows = await ctx.services.entries.byIds(ctx.em, userId, ids);
      const open = rows.filter((r) => r.categoryId === null);
      const answers: (Suggestion | null)[] = [];
      for (let i = 0; i < open.length; i += MAX_SUGGESTIONS) {
        const chunk = open.slice(i, i + MAX_SUGGESTIONS);
        answers.push(...(await ctx.services.suggestions.suggest(ctx.em, userId, chunk)));
      }
      const byId = new Map(open.map((r, i) => [r.id, answers[i] ?? null]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    const suggestion = await loader.load(entry.id);
    return suggestion ? CategorySuggestion.from(suggestion) : null;
  }
}
