import { Scope } from '@saldo/kit';
import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { accountLoader } from '../accounts/account.loader';
import { Account } from '../accounts/account.types';
import { categoryLoader } from '../categories/category.loader';
import { Category } from '../categories/category.types';
import { todayOf, userOf } from '@saldo/kit';
import { CreateRecurrenceInput, UpdateRecurrenceInput } from './recurrence.inputs';
import { Recurrence } from './recurrence.types';
import type { LedgerContext } from '../services';

@Resolver(() => Recurrence)
export class RecurrenceResolver {
  @Authorized(Scope.LEDGER_READ)
  @Query(() => [Recurrence], { description: 'Active and paused ones unless includeInactive.' })
  async recurrences(
    @Arg('includeInactive', () => Boolean, { defaultValue: false }) includeInactive: boolean,
    @Ctx() ctx: LedgerContext,
  ): Promise<Recurrence[]> {
    return (await ctx.services.recurrences.list(ctx.em, userOf(ctx), includeInactive)).map((r) =>
      Recurrence.from(r),
    );
  }

  @Authorized(Scope.LEDGER_WRITE)
  @Mutation(() => Recurrence, { description: 'Creates it and writes its occurrences ahead.' })
  async createRecurrence(
    @Arg('input', () => CreateRecurrenceInput) input: CreateRecurrenceInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<Recurrence> {
    const clock = { today: todayOf(ctx), timeZone: ctx.caller.timeZone };
    return Recurrence.from(
      await ctx.services.recurrences.create(ctx.em, userOf(ctx), input, clock),
    );
  }

  @Authorized(Scope.LEDGER_WRITE)
  @Mutation(() => Recurrence)
  async updateRecurrence(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateRecurrenceInput) input: UpdateRecurrenceInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<Recurrence> {
    return Recurrence.from(
      await ctx.services.recurrences.update(ctx.em, userOf(ctx), id, input, todayOf(ctx)),
    );
  }

  @Authorized(Scope.LEDGER_WRITE)
  @Mutation(() => Recurrence, { description: 'Stops it; pending occurrences after today go away.' })
  async cancelRecurrence(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: LedgerContext,
  ): Promise<Recurrence> {
    return Recurrence.from(
      await ctx.services.recurrences.cancel(ctx.em, userOf(ctx), id, todayOf(ctx)),
    );
  }

  @FieldResolver(() => Account)
  async account(@Root() r: Recurrence, @Ctx() ctx: LedgerContext): Promise<Account | null> {
    const account = await accountLoader(ctx).load(r.accountId);
    return account ? Account.from(account) : null;
  }

  @FieldResolver(() => Account, { nullable: true })
  async toAccount(@Root() r: Recurrence, @Ctx() ctx: LedgerContext): Promise<Account | null> {
    const account = r.toAccountId ? await accountLoader(ctx).load(r.toAccountId) : null;
    return account ? Account.from(account) : null;
  }

  @FieldResolver(() => Category, { nullable: true })
  async category(@Root() r: Recurrence, @Ctx() ctx: LedgerContext): Promise<Category | null> {
    const category = r.categoryId ? await categoryLoader(ctx).load(r.categoryId) : null;
    return category ? Category.from(category) : null;
  }
}
