import { DecimalScalar, LocalDateScalar } from '@saldo/kit';
import { Field, ObjectType } from 'type-graphql';
import { CategorySuggestion, EntryKind } from '../categorise/suggestion.types';
import { AccountRef } from '../common/stubs';

@ObjectType({
  description:
    'An entry read from plain text, for the caller to confirm (nothing is booked). Null fields ' +
    'where the text does not say and nothing sure can be suggested.',
})
export class EntryDraft {
  @Field(() => EntryKind, {
    nullable: true,
    description: 'From the verb ("gastei", "recebi", "transferi", "paid"...); EXPENSE when none.',
  })
  kind!: EntryKind | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Positive; null when no amount.' })
  amount!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "ISO 4217: the one the text names (R$, reais, US$, $, dollars, €, £), else the suggested account's.",
  })
  currency!: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description:
      'Relative days and weekdays in your time zone; today when the text names no date; null ' +
      'for a date that does not exist.',
  })
  date!: string | null;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => CategorySuggestion, {
    nullable: true,
    description: 'As suggestCategories would answer for the draft (null: abstains).',
  })
  categorySuggestion!: CategorySuggestion | null;

  @Field(() => AccountRef, {
    nullable: true,
    description: 'The account you book this kind of entry in most; null with no history.',
  })
  account!: AccountRef | null;

  @Field(() => String, { description: 'The language the text was read in: pt-BR, en or en-US.' })
  locale!: string;
}
