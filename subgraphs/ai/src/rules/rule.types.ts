import { DateTimeScalar } from '@saldo/kit';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CategoryRef } from '../common/stubs';
import { RuleField, RuleOperator } from './conditions';
import type { CategoryRuleEntity } from './rule.entity';

registerEnumType(RuleField, { name: 'CategoryRuleField' });
registerEnumType(RuleOperator, {
  name: 'CategoryRuleOperator',
  description:
    'Text compares without case or accents (the description also in its normalised form); ' +
    'MATCHES is a case-insensitive regular expression; GREATER_THAN and LESS_THAN are for AMOUNT.',
});

@ObjectType('CategoryRuleCondition')
export class CategoryRuleCondition {
  @Field(() => RuleField)
  field!: RuleField;

  @Field(() => RuleOperator)
  operator!: RuleOperator;

  @Field(() => String)
  value!: string;
}

@InputType('CategoryRuleConditionInput')
export class CategoryRuleConditionInput {
  @Field(() => RuleField)
  field!: RuleField;

  @Field(() => RuleOperator)
  operator!: RuleOperator;

  @Field(() => String)
  value!: string;
}

@ObjectType({ description: 'When all its conditions hold, the category; rules beat the model.' })
export class CategoryRule {
  @Field(() => ID)
  id!: string;

  @Field(() => [CategoryRuleCondition])
  conditions!: CategoryRuleCondition[];

  @Field(() => CategoryRef)
  category!: CategoryRef;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;

  @Field(() => Int, {
    nullable: true,
    description:
      'In the answer to createCategoryRule with applyToExisting: how many of your existing ' +
      'entries it matched and sent to the ledger to recategorise. Null otherwise.',
  })
  appliedToExisting!: number | null;

  static from(e: CategoryRuleEntity, appliedToExisting: number | null = null): CategoryRule {
    return Object.assign(new CategoryRule(), {
      appliedToExisting,
      id: e.id,
      conditions: e.conditions.map((c) => Object.assign(new CategoryRuleCondition(), c)),
      category: CategoryRef.of(e.categoryId),
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
    });
  }
}

@InputType()
export class CreateCategoryRuleInput {
  @Field(() => [CategoryRuleConditionInput])
  conditions!: CategoryRuleConditionInput[];

  @Field(() => ID)
  categoryId!: string;

  @Field(() => Boolean, {
    defaultValue: false,
    description:
      'Recategorise your existing entries it matches too (overriding their category; the ' +
      'ledger applies it within seconds).',
  })
  applyToExisting!: boolean;
}

@InputType()
export class UpdateCategoryRuleInput {
  @Field(() => [CategoryRuleConditionInput], { nullable: true })
  conditions?: CategoryRuleConditionInput[] | null;

  @Field(() => ID, { nullable: true })
  categoryId?: string | null;
}
