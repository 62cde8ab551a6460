import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { accountLoader } from '../accounts/account.loader';
import { Account } from '../accounts/account.types';
import { entryLoader } from '../entries/entry.loader';
import { Entry } from '../entries/entry.types';
import { BalanceChange } from './balance-change.types';
import type { LedgerContext } from '../services';

@Resolver(() => BalanceChange)
export class BalanceChangeResolver {
  @FieldResolver(() => Account)
  async account(@Root() change: BalanceChange, @Ctx() ctx: LedgerContext): Promise<Account | null> {
    const account = await accountLoader(ctx).load(change.accountId);
    return account ? Account.from(account) : null;
  }

  @FieldResolver(() => Entry, { nullable: true, description: 'Null once the entry is deleted.' })
  async entry(@Root() change: BalanceChange, @Ctx() ctx: LedgerContext): Promise<Entry | null> {
    const entry = change.entryId ? await entryLoader(ctx).load(change.entryId) : null;
    return entry ? Entry.from(entry) : null;
  }
}
