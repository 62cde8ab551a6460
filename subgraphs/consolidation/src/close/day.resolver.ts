import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { LocalDateScalar, Scope, userOf, zoneOf } from '@saldo/kit';
import type { ConsolidationContext } from '../services';
import { DayConsolidation } from './day.types';

// "Today" is the caller's, in the time zone the router vouches for (the kit checks it).
const dayOwner = (ctx: ConsolidationContext) => ({ userId: userOf(ctx), timeZone: zoneOf(ctx) });

@Resolver(() => DayConsolidation)
export class DayResolver {
  @Authorized(Scope.LEDGER_READ)
  @Query(() => DayConsolidation, {
    nullable: true,
    description: 'Your day across all accounts and its close status; null for a day not yet begun.',
  })
  async consolidation(
    @Arg('date', () => LocalDateScalar) date: string,
    @Ctx() ctx: ConsolidationContext,
  ): Promise<DayConsolidation | null> {
    const { days, clock } = ctx.services;
    const view = await days.view(ctx.em, dayOwner(ctx), date, clock.now());
    return view ? DayConsolidation.from(view) : null;
  }

  @Authorized(Scope.LEDGER_WRITE)
  @Mutation(() => DayConsolidation, {
    description:
      'Closes an ended day now (or again, after a reopen). A closed day is returned as it is. INVALID_STATE for a day not yet ended or while the projection catches up.',
  })
  async consolidate(
    @Arg('date', () => LocalDateScalar) date: string,
    @Ctx() ctx: ConsolidationContext,
  ): Promise<DayConsolidation> {
    const user = dayOwner(ctx);
    const { days, closer, clock } = ctx.services;
    await closer.closeDay(ctx.em, user.userId, user.timeZone, date);
    return DayConsolidation.from((await days.view(ctx.em, user, date, clock.now()))!);
  }
}
