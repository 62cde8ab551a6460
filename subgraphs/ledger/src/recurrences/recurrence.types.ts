import { DateTimeScalar, LocalDateScalar, Money } from '@saldo/kit';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { EntryKind } from '../entries/entry.model';
import { RecurrenceStatus, type RecurrenceRecord } from './recurrence.model';
import { Frequency, WeekendPolicy } from './schedule';

registerEnumType(Frequency, { name: 'Frequency' });
registerEnumType(WeekendPolicy, { name: 'WeekendPolicy' });
registerEnumType(RecurrenceStatus, { name: 'RecurrenceStatus' });

@ObjectType('Recurrence', {
  description: 'A repeating entry. Occurrences are written ahead as entries (source RECURRENCE).',
})
export class Recurrence {
  @Field(() => ID)
  id!: string;

  @Field(() => RecurrenceStatus)
  status!: RecurrenceStatus;

  @Field(() => Frequency)
  frequency!: Frequency;

  @Field(() => Int)
  interval!: number;

  @Field(() => Int, { nullable: true, description: "MONTHLY: clamped to the month's last day." })
  dayOfMonth!: number | null;

  @Field(() => LocalDateScalar)
  startDate!: string;

  @Field(() => LocalDateScalar, { nullable: true })
  endDate!: string | null;

  @Field(() => Int, { nullable: true, description: 'Total number of occurrences.' })
  count!: number | null;

  @Field(() => WeekendPolicy)
  weekendPolicy!: WeekendPolicy;

  @Field(() => Boolean, { description: 'Occurrences post themselves on their day.' })
  autoPost!: boolean;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Next occurrence not yet written.' })
  nextDate!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the recurrence is PAUSED.' })
  lastError!: string | null;

  @Field(() => EntryKind)
  kind!: EntryKind;

  @Field(() => Money)
  amount!: Money;

  @Field(() => Money, { nullable: true })
  toAmount!: Money | null;

  @Field(() => String)
  description!: string;

  @Field(() => String, { nullable: true })
  notes!: string | null;

  @Field(() => [String])
  tags!: string[];

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  accountId!: string;
  toAccountId!: string | null;
  categoryId!: string | null;

  static from(r: RecurrenceRecord): Recurrence {
    const t = r.template;
    return Object.assign(new Recurrence(), {
      id: r.id,
      status: r.status,
      ...r.rule,
      autoPost: r.autoPost,
      nextDate: r.nextDate,
      lastError: r.lastError,
      kind: t.kind,
      amount: Money.of(t.amount, t.currency),
      toAmount:
        t.toAmount === null || t.toCurrency === null ? null : Money.of(t.toAmount, t.toCurrency),
      description: t.description,
      notes: t.notes,
      tags: t.tags,
      createdAt: r.createdAt,
      accountId: t.accountId,
      toAccountId: t.toAccountId,
      categoryId: t.categoryId,
    });
  }
}
