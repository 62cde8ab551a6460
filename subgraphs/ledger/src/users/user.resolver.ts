import { notFound, PageArgs, Scope, type ConnectionValue, type RequestContext } from '@saldo/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { accountService } from '../accounts/account.service';
import { Account } from '../accounts/account.types';
import { CategoryKind } from '../categories/category.model';
import { categoryService } from '../categories/category.service';
import { Category } from '../categories/category.types';
import { userOf } from '../common/request';
import { EntryOrder } from '../entries/entry-query';
import { listEntriesOf } from '../entries/entry.resolver';
import { EntryFilterInput } from '../entries/entry.inputs';
import { Entry, EntryConnection } from '../entries/entry.types';
import { User } from './user.types';

/** The reference resolver only yields the caller's own User; this is the second guard. */
function ownId(user: User, ctx: RequestContext): string {
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
    @Ctx() ctx: RequestContext,
  ): Promise<Account[]> {
    return (await accountService.list(ctx.em, ownId(user, ctx), includeArchived)).map((r) =>
      Account.from(r),
    );
  }

  @Authorized(Scope.LEDGER_READ)
  @FieldResolver(() => [Category])
  async categories(
    @Root() user: User,
    @Arg('includeArchived', () => Boolean, { defaultValue: false }) includeArchived: boolean,
    @Arg('kind', () => CategoryKind, { nullable: true }) kind: CategoryKind | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Category[]> {
    const rows = await categoryService.list(
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
    @Ctx() ctx: RequestContext,
  ): Promise<ConnectionValue<Entry>> {
    return listEntriesOf(ctx, ownId(user, ctx), filter, page, orderBy);
  }
}
