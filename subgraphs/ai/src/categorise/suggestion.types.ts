import { DecimalScalar, LocalDateScalar } from '@saldo/kit';
import { Field, Float, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { CategoryRef } from '../common/stubs';
import type { Suggestion } from './suggestion.service';

export enum EntryKind {
  INCOME = 'INCOME',
  EXPENSE = 'EXPENSE',
  TRANSFER = 'TRANSFER',
}
registerEnumType(EntryKind, { name: 'EntryKind' });

export enum CategorySuggestionSource {
  RULE = 'RULE',
  MODEL = 'MODEL',
  MERCHANT = 'MERCHANT',
  PROVIDER = 'PROVIDER',
}
registerEnumType(CategorySuggestionSource, {
  name: 'CategorySuggestionSource',
  description:
    'RULE: one of your rules; MODEL: learnt from your entries; MERCHANT: a known merchant, ' +
    'put where you put its kind; PROVIDER: an external model (not used yet).',
});

@ObjectType({ description: 'A category for an entry; null where the subgraph abstains.' })
export class CategorySuggestion {
  @Field(() => CategoryRef)
  category!: CategoryRef;

  @Field(() => Float, { description: '0..1; only suggestions above the calibrated threshold.' })
  confidence!: number;

  @Field(() => CategorySuggestionSource)
  source!: CategorySuggestionSource;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  static from(s: Suggestion): CategorySuggestion {
    return Object.assign(new CategorySuggestion(), {
      category: CategoryRef.of(s.categoryId),
      confidence: Math.round(s.confidence * 1e4) / 1e4,
      source: s.source as CategorySuggestionSource,
      reason: s.reason,
    });
  }
}

@InputType()
export class SuggestCategoryInput {
  @Field(() => String)
  description!: string;

  @Field(() => DecimalScalar)
  amount!: string;

  @Field(() => EntryKind)
  kind!: EntryKind;

  @Field(() => LocalDateScalar, { nullable: true })
  date?: string | null;

  @Field(() => ID, { nullable: true })
  accountId?: string | null;
}
