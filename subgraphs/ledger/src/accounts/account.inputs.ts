import { DecimalScalar } from '@saldo/kit';
import { Field, InputType } from 'type-graphql';
import { AccountType } from './account.model';

@InputType('CreateAccountInput')
export class CreateAccountInput {
  @Field(() => String)
  name!: string;

  @Field(() => AccountType)
  type!: AccountType;

  @Field(() => String, { description: 'ISO 4217 code, e.g. "BRL".' })
  currency!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'Defaults to "0"; may be negative.' })
  initialBalance?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Defaults to true.' })
  allowNegative?: boolean | null;

  @Field(() => String, { nullable: true })
  color?: string | null;

  @Field(() => String, { nullable: true })
  icon?: string | null;
}

@InputType('UpdateAccountInput', { description: 'Omitted fields keep their value.' })
export class UpdateAccountInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Moves the balance by the difference.',
  })
  initialBalance?: string | null;

  @Field(() => Boolean, { nullable: true })
  allowNegative?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'false un-archives.' })
  archived?: boolean | null;

  @Field(() => String, { nullable: true })
  color?: string | null;

  @Field(() => String, { nullable: true })
  icon?: string | null;
}
