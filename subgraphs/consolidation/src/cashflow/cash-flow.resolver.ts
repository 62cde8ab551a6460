import { Args, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Money, notFound, Scope, userOf } from '@saldo/kit';
import type { ConsolidationContext } from '../services';
import { CashFlowArgs, CashFlowPoint, User } from './cash-flow.types';

@Resolver(() => User)
export class CashFlowResolver {
  @Authorized(Scope.LEDGER_READ)
  @FieldResolver(() => [CashFlowPoint], {
    description:
      'Credits, debits and net per period and currency over from..to (periods without entries included).',
  })
  async cashFlow(
    @Root() user: User,
    @Args(() => CashFlowArgs) args: CashFlowArgs,
    @Ctx() ctx: ConsolidationContext,
  ): Promise<CashFlowPoint[]> {
    const userId = userOf(ctx);
    // The reference resolver already refused other users; this keeps the field safe on its own.
    if (user.id.toLowerCase() !== userId.toLowerCase()) throw notFound('User', user.id);
    const points = await ctx.services.cashFlow.of(ctx.em, userId, args);
    return points.map((p) =>
      Object.assign(new CashFlowPoint(), {
        start: p.period.start,
        end: p.period.end,
        currency: p.currency,
        credits: Money.of(p.credits, p.currency),
        debits: Money.of(p.debits, p.currency),
        net: Money.of(p.credits - p.debits, p.currency),
        entryCount: p.entryCount,
      }),
    );
  }
}
