import { LocalDateScalar, PageArgs, Scope, type ConnectionValue } from '@saldo/kit';
import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { accountLoader, balanceAtLoader } from '../accounts/account.loader';
import { todayOf, userOf } from '@saldo/kit';
import { EntryOrder } from './entry-query';
import { CreateEntryInput, EntryFilterInput, UpdateEntryInput } from './entry.inputs';
import { entryLoader, postingsLoader } from './entry.loader';
import { Entry, EntryConnection } from './entry.types';
import type { LedgerContext } from '../services';

/** Writes change balances and postings: drop what this request already loaded. */
function forgetLoaded(ctx: LedgerContext): void {
  accountLoader(ctx).clearAll();
  balanceAtLoader(ctx).clearAll();
  entryLoader(ctx).clearAll();
  postingsLoader(ctx).clearAll();
}

@Resolver(() => Entry)
export class EntryResolver {
  @Authorized(Scope.LEDGER_READ)
  @Query(() => Entry, {
    description: 'One of your entries; NOT_FOUND otherwise (or once deleted).',
  })
  async entry(@Arg('id', () => ID) id: string, @Ctx() ctx: LedgerContext): Promise<Entry> {
    return Entry.from(await ctx.services.entries.get(ctx.em, userOf(ctx), id));
  }

  @Authorized(Scope.LEDGER_READ)
  @Query(() => EntryConnection, { description: 'Your entries, newest first by default.' })
  async entries(
    @Arg('filter', () => EntryFilterInput, { nullable: true }) filter: EntryFilterInput | null,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('orderBy', () => EntryOrder, { defaultValue: EntryOrder.DATE_DESC }) orderBy: EntryOrder,
    @Ctx() ctx: LedgerContext,
  ): Promise<ConnectionValue<Entry>> {
    return listEntriesOf(ctx, userOf(ctx), filter, page, orderBy);
  }

  @Authorized(Scope.LEDGER_WRITE)
  @Mutation(() => Entry)
  async createEntry(
    @Arg('input', () => CreateEntryInput) input: CreateEntryInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<Entry> {
    forgetLoaded(ctx);
    return Entry.from(await ctx.services.entries.create(ctx.em, userOf(ctx), input, todayOf(ctx)));
  }

  @Authorized(Scope.LEDGER_WRITE)
  @Mutation(() => [Entry], { description: 'Up to 1,000 entries, all or nothing.' })
  async createEntries(
    @Arg('inputs', () => [CreateEntryInput]) inputs: CreateEntryInput[],
    @Ctx() ctx: LedgerContext,
  ): Promise<Entry[]> {
    forgetLoaded(ctx);
    return (await ctx.services.entries.createMany(ctx.em, userOf(ctx), inputs, todayOf(ctx))).map(
      (r) => Entry.from(r),
    );
  }

  @Authorized(Scope.LEDGER_WRITE)
  @Mutation(() => Entry, { description: 'Money changes reverse the old postings; history stays.' })
  async updateEntry(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateEntryInput) input: UpdateEntryInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<Entry> {
    forgetLoaded(ctx);
    return Entry.from(await ctx.services.entries.update(ctx.em, userOf(ctx), id, input));
  }

  @Authorized(Scope.LEDGER_WRITE)
  @Mutation(() => ID, {
    description: 'Soft delete: postings reversed, history kept. Returns the id.',
  })
  async deleteEntry(@Arg('id', () => ID) id: string, @Ctx() ctx: LedgerContext): Promise<string> {
    forgetLoaded(ctx);
    return (await ctx.services.entries.delete(ctx.em, userOf(ctx), id)).id;
  }

  @Authorized(Scope.LEDGER_WRITE)
  @Mutation(() => Entry, {
    description: 'A pending entry (a bill) is paid; date defaults to today.',
  })
  async markEntryPosted(
    @Arg('id', () => ID) id: string,
    @Arg('date', () => LocalDateScalar, { nullable: true }) date: string | null,
    @Ctx() ctx: LedgerContext,
  ): Promise<Entry> {
    forgetLoaded(ctx);
    return Entry.from(
      await ctx.services.entries.markPosted(ctx.em, userOf(ctx), id, date ?? todayOf(ctx)),
    );
  }
}

/** Shared by `Query.entries` and `User.entries`. */
export async function listEntriesOf(
  ctx: LedgerContext,
  userId: string,
  filter: EntryFilterInput | null,
  page: PageArgs,
  orderBy: EntryOrder,
): Promise<ConnectionValue<Entry>> {
  const connection = await ctx.services.entries.list(ctx.em, userId, filter ?? {}, orderBy, page);
  return {
    pageInfo: connection.pageInfo,
    edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: Entry.from(edge.node) })),
  };
}
