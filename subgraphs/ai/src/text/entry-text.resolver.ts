import { badInput, localDateAt, Scope, userOf } from '@saldo/kit';
import { textLocale } from '../common/locale';
import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { CategorySuggestion, EntryKind } from '../categorise/suggestion.types';
import { AccountRef } from '../common/stubs';
import type { AiContext } from '../services';
import { MAX_TEXT, parseEntryText } from './entry-text';
import { EntryDraft } from './entry-text.types';

@Resolver()
export class EntryTextResolver {
  @Authorized(Scope.LEDGER_READ)
  @Query(() => EntryDraft, {
    nullable: true,
    description:
      'An entry draft from a message such as "gastei 45,90 no mercado ontem" or "paid $12.30 ' +
      'for lunch yesterday" (what a chat channel uses). Nothing is booked. Null when the text ' +
      'names neither an amount nor a kind. At most 500 characters.',
  })
  async parseEntryText(
    @Arg('text', () => String) text: string,
    @Arg('locale', () => String, { nullable: true }) locale: string | null,
    @Ctx() ctx: AiContext,
  ): Promise<EntryDraft | null> {
    if (text.length > MAX_TEXT) {
      throw badInput(`text must be at most ${MAX_TEXT} characters`, { field: 'text' });
    }
    const userId = userOf(ctx);
    const today = localDateAt(ctx.services.clock.now(), ctx.caller.timeZone);
    const chosen = textLocale(locale);
    const draft = parseEntryText(text, { today, ...(chosen ? { locale: chosen } : {}) });
    if (!draft) return null;
    const kind = draft.kind ?? 'EXPENSE';
    const account = await ctx.services.entries.usualAccount(ctx.em, userId, kind, draft.currency);
    const [suggestion] =
      draft.description && draft.amount
        ? await ctx.services.suggestions.suggest(ctx.em, userId, [
            {
              description: draft.description,
              amount: draft.amount,
              kind,
              accountId: account?.accountId ?? null,
            },
          ])
        : [null];
    return Object.assign(new EntryDraft(), {
      kind: draft.kind as EntryKind | null,
      amount: draft.amount,
      currency: draft.currency ?? account?.currency ?? null,
      date: draft.date,
      description: draft.description,
      categorySuggestion: suggestion ? CategorySuggestion.from(suggestion) : null,
      account: account ? AccountRef.of(account.accountId) : null,
      locale: draft.locale,
    });
  }
}
