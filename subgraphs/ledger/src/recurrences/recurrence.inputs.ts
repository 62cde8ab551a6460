import { DecimalScalar, LocalDateScalar } from '@saldo/kit';
import { Field, ID, InputType, Int } from 'type-graphql';
import { EntryKind } from '../entries/entry.model';
import { Frequency, WeekendPolicy } from './schedule';

@InputType('CreateRecurrenceInput')
export class CreateRecurrenceInput {
  @Field(() => Frequency)
  frequency!: Frequency;

  @Field(() => Int, { nullable: true, description: 'Every n periods; defaults to 1.' })
  interval?: number | null;

  @Field(() => Int, { nullable: true, description: 'MONTHLY only; defaults to the start day.' })
  dayOfMonth?: number | null;

  @Field(() => LocalDateScalar)
  startDate!: string;

  @Field(() => LocalDateScalar, { nullable: true })
  endDate?: string | null;

  @Field(() => Int, { nullable: true })
  count?: number | null;

  @Field(() => WeekendPolicy, { nullable: true, description: 'Defaults to NONE.' })
  weekendPolicy?: WeekendPolicy | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Defaults to true; false leaves occurrences pending (bills to mark paid).',
  })
  autoPost?: boolean | null;

  @Field(() => EntryKind)
  kind!: EntryKind;

  @Field(() => ID)
  accountId!: string;

  @Field(() => ID, { nullable: true })
  toAccountId?: string | null;

  @Field(() => DecimalScalar)
  amount!: string;

  @Field(() => DecimalScalar, { nullable: true })
  toAmount?: string | null;

  @Field(() => ID, { nullable: true })
  categoryId?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  notes?: string | null;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;
}

@InputType('UpdateRecurrenceInput', {
  description: 'Omitted fields keep their value. Pending occurrences after today are rewritten.',
})
export class UpdateRecurrenceInput {
  @Field(() => LocalDateScalar, { nullable: true })
  endDate?: string | null;

  @Field(() => Int, { nullable: true })
  count?: number | null;

  @Field(() => WeekendPolicy, { nullable: true })
  weekendPolicy?: WeekendPolicy | null;

  @Field(() => Boolean, { nullable: true })
  autoPost?: boolean | null;

  @Field(() => ID, { nullable: true })
  accountId?: string | null;

  @Field(() => ID, { nullable: true })
  toAccountId?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  amount?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  toAmount?: string | null;

  @Field(() => ID, { nullable: true })
  categoryId?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  notes?: string | null;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;
}
