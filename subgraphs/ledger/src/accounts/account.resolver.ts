import { LocalDateScalar, Money, PageArgs, Scope, type ConnectionValue } from '@saldo/kit';
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
import { userOf } from '@saldo/kit';
import { AccountBalance, AccountBalanceConnection } from './account-balance.types';
import { accountLoader, balanceAtLoader } from './account.loader';
import { CreateAccountInput, UpdateAccountInput } from './account.inputs';
import { Account } from './account.types';
import type { LedgerContext } from '../services';

@Resolver(() => Account)
export class AccountResolver {
  @Authorized(Scope.LEDGER_READ)
  @Query(() => Account, { description: 'One of your accounts; NOT_FOUND otherwise.' })
  async account(@Arg('id', () => ID) id: string, @Ctx() ctx: LedgerContext): Promise<Account> {
    return Account.from(await ctx.services.accounts.get(ctx.em, userOf(ctx), id));
  }

  @Authorized(Scope.LEDGER_READ)
  @Query(() => [Account], { description: 'Your accounts, oldest first.' })
  async accounts(
    @Arg('includeArchived', () => Boolean, { defaultValue: false }) includeArchived: boolean,
    @Ctx() ctx: LedgerContext,
  ): Promise<Account[]> {
    return (await ctx.services.accounts.list(ctx.em, userOf(ctx), includeArchived)).map((r) =>
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
    @Ctx() ctx: LedgerContext,
  ): Promise<ConnectionValue<AccountBalance>> {
    const { edges, pageInfo } = await ctx.services.accounts.everyUsers(ctx.em, page);
    return {
      edges: edges.map((e) => ({ cursor: e.cursor, node: AccountBalance.from(e.node) })),
      pageInfo,
    };
  }

  @Authorized(Scope.LEDGER_WRITE)
  @Mutation(() => Account)
  async createAccount(
    @Arg('input', () => CreateAccountInput) input: CreateAccountInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<Account> {
    return Account.from(await ctx.services.accounts.create(ctx.em, userOf(ctx), input));
  }

  @Authorized(Scope.LEDGER_WRITE)
  @Mutation(() => Account)
  async updateAccount(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateAccountInput) input: UpdateAccountInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<Account> {
    accountLoader(ctx).clearAll();
    balanceAtLoader(ctx).clearAll();
    return Account.from(await ctx.services.accounts.update(ctx.em, userOf(ctx), id, input));
  }

  @Authorized(Scope.LEDGER_WRITE)
  @Mutation(() => Account, { description: 'Hides the account and refuses new entries on it.' })
  async archiveAccount(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: LedgerContext,
  ): Promise<Account> {
    accountLoader(ctx).clearAll();
    balanceAtLoader(ctx).clearAll();
    return Account.from(await ctx.services.accounts.archive(ctx.em, userOf(ctx), id));
  }

  @FieldResolver(() => Money, {
    description: 'The balance at the end of a day, recomputed from the postings (edits included).',
  })
  async balanceAt(
    @Root() account: Account,
    @Arg('date', () => LocalDateScalar) date: string,
    @Ctx() ctx: LedgerContext,
  ): Promise<Money> {
    const balance = await balanceAtLoader(ctx).load({ account: account.record, date });
    return Money.of(balance, account.currency);
  }
}
