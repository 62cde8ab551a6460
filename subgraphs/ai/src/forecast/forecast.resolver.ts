import { badInput, localDateAt, Scope, userOf } from '@saldo/kit';
import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { AiContext } from '../services';
import { BalanceForecast } from './forecast.types';

export const MAX_FORECAST_DAYS = 90;

@Resolver()
export class ForecastResolver {
  @Authorized(Scope.LEDGER_READ)
  @Query(() => BalanceForecast, {
    nullable: true,
    description:
      'Your expected balance for the next `days` (1 to 90) days, per day with a low and a ' +
      'high: one account, or your spendable accounts together (then card invoices count). ' +
      'Null when you have no such account.',
  })
  async balanceForecast(
    @Arg('accountId', () => ID, { nullable: true }) accountId: string | null,
    @Arg('days', () => Int, { defaultValue: 30 }) days: number,
    @Ctx() ctx: AiContext,
  ): Promise<BalanceForecast | null> {
    if (!Number.isInteger(days) || days < 1 || days > MAX_FORECAST_DAYS) {
      throw badInput(`days must be between 1 and ${MAX_FORECAST_DAYS}`, { field: 'days' });
    }
    const userId = userOf(ctx);
    const today = localDateAt(ctx.services.clock.now(), ctx.caller.timeZone);
    const result = await ctx.services.forecasts.forecast(
      ctx.em,
      userId,
      today,
      accountId ?? null,
      days,
    );
    return result ? BalanceForecast.of(result.forecast, result) : null;
  }
}
