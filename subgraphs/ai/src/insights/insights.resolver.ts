import { addDays, localDateAt, Scope, userOf } from '@saldo/kit';
import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { AiContext } from '../services';
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
}
