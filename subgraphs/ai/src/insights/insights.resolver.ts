import { addDays, assertMonth, localDateAt, Scope, userOf } from '@saldo/kit';
import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { textLocale } from '../common/locale';
import type { AiContext } from '../services';
import { Insight } from './insight.types';
import { detectRecurring, LOOKBACK_DAYS } from './recurring';
import { RecurringCharge } from './recurring.types';

@Resolver()
export class InsightsResolver {
  @Authorized(Scope.LEDGER_READ)
  @Query(() => [RecurringCharge], {
    description:
      'Your recurring charges and incomes (subscriptions, rent, salary), the soonest next first.',
  })
  async recurringCharges(@Ctx() ctx: AiContext): Promise<RecurringCharge[]> {
    const userId = userOf(ctx);
    const today = localDateAt(ctx.services.clock.now(), ctx.caller.timeZone);
    const entries = await ctx.services.entries.datedSince(
      ctx.em,
      userId,
      addDays(today, -LOOKBACK_DAYS),
    );
    return detectRecurring(userId, entries, today).map((s) => RecurringCharge.from(s));
  }

  @Authorized(Scope.LEDGER_READ)
  @Query(() => [Insight], {
    description:
      'What stands out in a month (YYYY-MM, not in the future): unusual expenses, categories ' +
      'up or down on the previous three months, duplicate charges, subscription price ' +
      'increases and, for the running month, a balance going below zero ahead. Most urgent ' +
      'first. Titles and messages in `locale` (pt-BR by default, or English).',
  })
  async insights(
    @Arg('month', () => String) month: string,
    @Arg('locale', () => String, { nullable: true }) locale: string | null,
    @Ctx() ctx: AiContext,
  ): Promise<Insight[]> {
    assertMonth(month);
    const language = textLocale(locale) ?? 'pt-BR';
    const today = localDateAt(ctx.services.clock.now(), ctx.caller.timeZone);
    const { findings } = await ctx.services.insights.find(ctx.em, userOf(ctx), month, today);
    return findings.map((f) => Insight.of(f, language));
  }
}
