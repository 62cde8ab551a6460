import { Args, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { notFound, Scope, userOf } from '@saldo/kit';
import type { ConsolidationContext } from '../services';
import type { AccountDays } from './daily-balance.service';
import { Account, DailyBalance, DayRangeArgs } from './daily-balance.types';

@Resolver(() => Account)
export class AccountBalancesResolver {
  @Authorized(Scope.LEDGER_READ)
  @FieldResolver(() => [DailyBalance], {
    description:
      'Every day of from..to (at most 366), days without entries included, in the account currency.',
  })
  async dailyBalances(
    @Root() account: Account,
    @Args(() => DayRangeArgs) range: DayRangeArgs,
    @Ctx() ctx: ConsolidationContext,
  ): Promise<DailyBalance[]> {
    const userId = userOf(ctx);
    // One query pair for every account of the request that asks for the same range.
    const loader = ctx.loader<string, AccountDays | null>(
      `dailyBalances:${range.from}:${range.to}`,
      async (ids) => {
        const found = await ctx.services.balances.forAccounts(ctx.em, userId, ids, range);
        return ids.map((id) => found.get(id.toLowerCase()) ?? null);
      },
    );
    const days = await loader.load(account.id);
    if (!days) throw notFound('Account', account.id);
    return days.days.map((d) => DailyBalance.of(days.accountId, days.currency, d));
  }
}

@Resolver(() => DailyBalance)
export class DailyBalanceResolver {
  @FieldResolver(() => Account, {
    description: 'The account (its other fields come from the ledger).',
  })
  account(@Root() balance: DailyBalance): Account {
    return Account.of(balance.accountId);
  }
}
