import { DecimalScalar, LocalDateScalar } from '@saldo/kit';
import { Field, ID, InputType } from 'type-graphql';
import { EntryKind, EntryStatus } from './entry.model';

@InputType('CreateEntryInput')
export class CreateEntryInput {
  @Field(() => EntryKind)
  kind!: EntryKind;

  @Field(() => ID, {
    description: 'The account money enters (income) or leaves (expense, transfer).',
  })
  accountId!: string;

  @Field(() => ID, { nullable: true, description: 'Transfers: the destination account.' })
  toAccountId?: string | null;

  @Field(() => DecimalScalar, { description: "Positive, in the account's currency." })
  amount!: string;

  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      'Transfers between currencies: the amount that arrives, in the destination currency.',
  })
  toAmount?: string | null;

  @Field(() => ID, { nullable: true, description: 'Income and expense only; of the same kind.' })
  categoryId?: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Defaults to today in your time zone.',
  })
  date?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  notes?: string | null;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;

  @Field(() => EntryStatus, {
    nullable: true,
    description: 'Defaults to POSTED; PENDING for a bill.',
  })
  status?: EntryStatus | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Bills: defaults to date.' })
  dueDate?: string | null;

  @Field(() => String, { nullable: true, description: 'Your own id for it, unique per source.' })
  externalId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Retries with the same key and input return the first result; another input is CONFLICT.',
  })
  idempotencyKey?: string | null;
}

@InputType('UpdateEntryInput', { description: 'Omitted fields keep their value; null clears.' })
export class UpdateEntryInput {
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

  @Field(() => LocalDateScalar, { nullable: true })
  date?: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  dueDate?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  notes?: string | null;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;
}

@InputType('EntryFilter', { description: 'All given conditions must hold.' })
export class EntryFilterInput {
  @Field(() => ID, { nullable: true, description: 'Either side of the entry (transfers too).' })
  accountId?: string | null;

  @Field(() => ID, { nullable: true })
  categoryId?: string | null;

  @Field(() => EntryKind, { nullable: true })
  kind?: EntryKind | null;

  @Field(() => EntryStatus, { nullable: true, description: 'PENDING lists the bills.' })
  status?: EntryStatus | null;

  @Field(() => LocalDateScalar, { nullable: true })
  from?: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  to?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Case-insensitive, in description and notes.',
  })
  search?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  minAmount?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  maxAmount?: string | null;

  @Field(() => [String], { nullable: true, description: 'Entries carrying all of these tags.' })
  tags?: string[] | null;
}
