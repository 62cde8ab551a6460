import {
  LocalDateScalar,
  Money,
  PageArgs,
  Scope,
  type ConnectionValue,
  type RequestContext,
} from '@saldo/kit';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { userOf } from '../common/request';
import { AccountBalance, AccountBalanceConnection } from './account-balance.types';
import { accountLoader } from './account.loader';
import { CreateAccountInput, UpdateAccountInput } from './account.inputs';
import { accountService } from './account.service';
import { Account } from './account.types';

@Resolver(() => Account)
export class AccountResolver {
  @Authorized(Scope.LEDGER_READ)
  @Query(() => Account, { description: 'One of your accounts; NOT_FOUND otherwise.' })
  async account(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Account> {
    return Account.from(await accountService.get(ctx.em, userOf(ctx), id));
  }

  @Authorized(Scope.LEDGER_READ)
  @Query(() => [Account], { description: 'Your accounts, oldest first.' })
  async accounts(
    @Arg('includeArchived', () => Boolean, { defaultValue: false }) includeArchived: boolean,
    @Ctx() ctx: RequestContext,
  ): Promise<Account[]> {
    return (await accountService.list(ctx.em, userOf(ctx), includeArchived)).map((r) =>
      Account.from(r),
    );
  }

  @Authorized(Scope.ADMIN)
  @Query(() => AccountBalanceConnection, {
    description:
      "Operators: every user's accounts and their current balances, by account id (e.g. consolidation's verify).",
  })
  async accountBalances(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<ConnectionValue<AccountBalance>> {
    const { edges, pageInfo } = await accountService.everyUsers(ctx.em, page);
    return {
      edges: edges.map((e) => ({ cursor: e.cursor, node: AccountBalance.from(e.node) })),
      pageInfo,
    };
  }

  @Authorized(Scope.LEDGER_WRITE)
  @Mutation(() => Account)
  async createAccount(
    @Arg('input', () => CreateAccountInput) input: CreateAccountInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Account> {
    return Account.from(await accountService.create(ctx.em, userOf(ctx), input));
  }

  @Authorized(Scope.LEDGER_WRITE)
  @Mutation(() => Account)
  async updateAccount(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateAccountInput) input: UpdateAccountInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Account> {
    accountLoader(ctx).clearAll();
    return Account.from(await accountService.update(ctx.em, userOf(ctx), id, input));
  }

  @Authorized(Scope.LEDGER_WRITE)
  @Mutation(() => Account, { description: 'Hides the account and refuses new entries on it.' })
  async archiveAccount(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Account> {
    accountLoader(ctx).clearAll();
    return Account.from(await accountService.archive(ctx.em, userOf(ctx), id));
  }

  @FieldResolver(() => Money, {
    description: 'The balance at the end of a day, recomputed from the postings (edits included).',
  })
  async balanceAt(
    @Root() account: Account,
    @Arg('date', () => LocalDateScalar) date: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Money> {
    return Money.of(await accountService.balanceAt(ctx.em, account.record, date), account.currency);
  }
}
