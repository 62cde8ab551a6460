import { connectionType, DateTimeScalar, LocalDateScalar, Money } from '@saldo/kit';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { EntryOrder } from './entry-query';
import { EntryKind, EntrySource, EntryStatus, type EntryRecord } from './entry.model';

registerEnumType(EntryKind, { name: 'EntryKind' });
registerEnumType(EntryStatus, {
  name: 'EntryStatus',
  description: 'PENDING entries (bills, scheduled occurrences) do not move balances until posted.',
});
registerEnumType(EntrySource, { name: 'EntrySource' });
registerEnumType(EntryOrder, { name: 'EntryOrder' });

@ObjectType('Posting', { description: 'One side of the double entry, on one of your accounts.' })
export class Posting {
  @Field(() => Money, { description: 'Signed: negative leaves the account.' })
  amount!: Money;

  @Field(() => LocalDateScalar)
  date!: string;

  accountId!: string;
}

@ObjectType('Entry', {
  description: 'An income, expense or transfer; underneath, postings that sum to zero.',
})
@Directive('@key(fields: "id")')
export class Entry {
  @Field(() => ID)
  id!: string;

  @Field(() => EntryKind)
  kind!: EntryKind;

  @Field(() => EntryStatus)
  status!: EntryStatus;

  @Field(() => Money, { description: "Positive, in the account's currency." })
  amount!: Money;

  @Field(() => Money, { nullable: true, description: 'Transfers: what reaches toAccount.' })
  toAmount!: Money | null;

  @Field(() => LocalDateScalar, { description: 'The day the money moves (value date).' })
  date!: string;

  @Field(() => LocalDateScalar, { nullable: true })
  dueDate!: string | null;

  @Field(() => String)
  description!: string;

  @Field(() => String, { nullable: true })
  notes!: string | null;

  @Field(() => [String])
  tags!: string[];

  @Field(() => String, { nullable: true })
  externalId!: string | null;

  @Field(() => EntrySource)
  source!: EntrySource;

  @Field(() => Int, { description: 'Grows by one on every change.' })
  version!: number;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;

  accountId!: string;
  toAccountId!: string | null;
  categoryId!: string | null;
  recurrenceId!: string | null;

  static from(e: EntryRecord): Entry {
    return Object.assign(new Entry(), {
      id: e.id,
      kind: e.kind,
      status: e.status,
      amount: Money.of(e.amount, e.currency),
      toAmount:
        e.toAmount === null || e.toCurrency === null ? null : Money.of(e.toAmount, e.toCurrency),
      date: e.date,
      dueDate: e.dueDate,
      description: e.description,
      notes: e.notes,
      tags: e.tags,
      externalId: e.externalId,
      source: e.source,
      version: e.version,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
      accountId: e.accountId,
      toAccountId: e.toAccountId,
      categoryId: e.categoryId,
      recurrenceId: e.recurrenceId,
    });
  }
}

export const EntryConnection = connectionType('Entry', Entry);
