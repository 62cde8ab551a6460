import { LocalDateScalar, Money } from '@saldo/kit';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { EntryKind } from '../categorise/suggestion.types';
import { AccountRef, CategoryRef, EntryRef } from '../common/stubs';
import type { RecurringSeries } from './recurring';

/** The ledger's recurrence frequencies (the same enum across the supergraph). */
export enum Frequency {
  DAILY = 'DAILY',
  WEEKLY = 'WEEKLY',
  MONTHLY = 'MONTHLY',
  YEARLY = 'YEARLY',
}
registerEnumType(Frequency, { name: 'Frequency' });

@ObjectType({
  description:
    'The same merchant, kind and currency at a regular interval (weekly, monthly or yearly, ' +
    'with tolerance), at least three times in a row, with amounts within 25 % of each other. ' +
    'Only series still going are listed.',
})
export class RecurringCharge {
  @Field(() => ID, { description: 'Stable while the series goes on.' })
  id!: string;

  @Field(() => String, { description: 'The latest occurrence’s description.' })
  description!: string;

  @Field(() => String, { description: 'The normalised merchant the occurrences share.' })
  merchant!: string;

  @Field(() => EntryKind)
  kind!: EntryKind;

  @Field(() => Frequency)
  interval!: Frequency;

  @Field(() => Int)
  occurrences!: number;

  @Field(() => Money, { description: 'The median of the occurrences.' })
  typicalAmount!: Money;

  @Field(() => Money)
  lastAmount!: Money;

  @Field(() => LocalDateScalar)
  lastDate!: string;

  @Field(() => LocalDateScalar, { description: 'Today or later (the next one not yet seen).' })
  nextExpectedDate!: string;

  @Field(() => Money, { description: 'The latest amount: prices persist.' })
  nextExpectedAmount!: Money;

  @Field(() => CategoryRef, { nullable: true, description: 'The one most occurrences have.' })
  category!: CategoryRef | null;

  @Field(() => AccountRef, { description: 'The one most occurrences were booked in.' })
  account!: AccountRef;

  @Field(() => [EntryRef], { description: 'The occurrences, oldest first.' })
  entries!: EntryRef[];

  static from(s: RecurringSeries): RecurringCharge {
    return Object.assign(new RecurringCharge(), {
      id: s.id,
      description: s.description,
      merchant: s.merchant,
      kind: s.kind as EntryKind,
      interval: s.interval as Frequency,
      occurrences: s.entries.length,
      typicalAmount: Money.of(s.medianMinor, s.currency),
      lastAmount: Money.of(s.lastMinor, s.currency),
      lastDate: s.lastDate,
      nextExpectedDate: s.nextDate,
      nextExpectedAmount: Money.of(s.nextMinor, s.currency),
      category: s.categoryId ? CategoryRef.of(s.categoryId) : null,
      account: AccountRef.of(s.accountId),
      entries: s.entries.map((e) => EntryRef.of(e.id)),
    });
  }
}
