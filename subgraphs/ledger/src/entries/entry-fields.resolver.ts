import { Money } from '@saldo/kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { accountLoader } from '../accounts/account.loader';
import { Account } from '../accounts/account.types';
import { categoryLoader } from '../categories/category.loader';
import { Category } from '../categories/category.types';
import { recurrenceLoader } from '../recurrences/recurrence.loader';
import { Recurrence } from '../recurrences/recurrence.types';
import { postingsLoader } from './entry.loader';
import { Entry, Posting } from './entry.types';
import type { LedgerContext } from '../services';

async function accountOf(ctx: LedgerContext, id: string | null): Promise<Account | null> {
  const account = id ? await accountLoader(ctx).load(id) : null;
  return account ? Account.from(account) : null;
}

/** Entry fields that point elsewhere: batched per request through DataLoader. */
@Resolver(() => Entry)
export class EntryFieldsResolver {
  @FieldResolver(() => Account)
  account(@Root() entry: Entry, @Ctx() ctx: LedgerContext): Promise<Account | null> {
    return accountOf(ctx, entry.accountId);
  }

  @FieldResolver(() => Account, { nullable: true })
  toAccount(@Root() entry: Entry, @Ctx() ctx: LedgerContext): Promise<Account | null> {
    return accountOf(ctx, entry.toAccountId);
  }

  @FieldResolver(() => Category, { nullable: true })
  async category(@Root() entry: Entry, @Ctx() ctx: LedgerContext): Promise<Category | null> {
    const category = entry.categoryId ? await categoryLoader(ctx).load(entry.categoryId) : null;
    return category ? Category.from(category) : null;
  }

  @FieldResolver(() => [Posting], {
    description:
      'Postings on your accounts; empty while pending. The category side stays internal.',
  })
  async postings(@Root() entry: Entry, @Ctx() ctx: LedgerContext): Promise<Posting[]> {
    const rows = await postingsLoader(ctx).load(entry.id);
    return rows
      .filter((p) => p.accountId === entry.accountId || p.accountId === entry.toAccountId)
      .map((p) =>
        Object.assign(new Posting(), {
          amount: Money.of(p.amount, p.currency),
          date: p.date,
          accountId: p.accountId,
        }),
      );
  }

  @FieldResolver(() => Recurrence, { nullable: true })
  async recurrence(@Root() entry: Entry, @Ctx() ctx: LedgerContext): Promise<Recurrence | null> {
    const recurrence = entry.recurrenceId
      ? await recurrenceLoader(ctx).load(entry.recurrenceId)
      : null;
    return recurrence ? Recurrence.from(recurrence) : null;
  }
}

@Resolver(() => Posting)
export class PostingResolver {
  @FieldResolver(() => Account)
  account(@Root() posting: Posting, @Ctx() ctx: LedgerContext): Promise<Account | null> {
    return accountOf(ctx, posting.accountId);
  }
}
