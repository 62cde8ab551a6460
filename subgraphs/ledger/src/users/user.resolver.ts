import { notFound, PageArgs, Scope, type ConnectionValue } from '@saldo/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Account } from '../accounts/account.types';
import { CategoryKind } from '../categories/category.model';
import { Category } from '../categories/category.types';
import { userOf } from '@saldo/kit';
import { EntryOrder } from '../entries/entry-query';
import { listEntriesOf } from '../entries/entry.resolver';
import { EntryFilterInput } from '../entries/entry.inputs';
import { Entry, EntryConnection } from '../entries/entry.types';
import { User } from './user.types';
import type { LedgerContext } from '../services';

/** The reference resolver only yields the caller's own User; this is the second guard. */
function ownId(user: User, ctx: LedgerContext): string {
  const userId = userOf(ctx);
  if (user.id !== userId) throw notFound('User', user.id);
  return userId;
}

@Resolver(() => User)
export class UserResolver {
  @Authorized(Scope.LEDGER_READ)
  @FieldResolver(() => [Account])
  async accounts(
    @Root() user: User,
    @Arg('includeArchived', () => Boolean, { defaultValue: false }) includeArchived: boolean,
    @Ctx() ctx: LedgerContext,
  ): Promise<Account[]> {
    return (await ctx.services.accounts.list(ctx.em, ownId(user, ctx), includeArchived)).map((r) =>
      Account.from(r),
    );
  }

  @Authorized(Scope.LEDGER_READ)
  @FieldResolver(() => [Category])
  async categories(
    @Root() user: User,
    @Arg('includeArchived', () => Boolean, { defaultValue: false }) includeArchived: boolean,
    @Arg('kind', () => CategoryKind, { nullable: true }) kind: CategoryKind | null,
    @Ctx() ctx: LedgerContext,
  ): Promise<Category[]> {
    const rows = await ctx.services.categories.list(
      ctx.em,
      ownId(user, ctx),
      includeArchived,
      kind ?? null,
    );
    return rows.map((r) => Category.from(r));
  }

  @Authorized(Scope.LEDGER_READ)
  @FieldResolver(() => EntryConnection)
  async entries(
    @Root() user: User,
    @Arg('filter', () => EntryFilterInput, { nullable: true }) filter: EntryFilterInput | null,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('orderBy', () => EntryOrder, { defaultValue: EntryOrder.DATE_DESC }) orderBy: EntryOrder,
    @Ctx() ctx: LedgerContext,
  ): Promise<ConnectionValue<Entry>> {
    return listEntriesOf(ctx, ownId(user, ctx), filter, page, orderBy);
  }
}
