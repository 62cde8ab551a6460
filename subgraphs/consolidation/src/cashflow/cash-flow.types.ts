import { ArgsType, Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateScalar, Money } from '@saldo/kit';
import { CashFlowGrouping } from './periods';

registerEnumType(CashFlowGrouping, {
  name: 'CashFlowGrouping',
  description: 'Calendar buckets: days, ISO weeks (Monday first) or months.',
});

@ObjectType('User')
@Directive('@key(fields: "id")')
export class User {
  @Field(() => ID)
  id!: string;

  static of(id: string): User {
    return Object.assign(new User(), { id });
  }
}

@ObjectType('CashFlowPoint', {
  description:
    "Money in and out of the user's accounts in one currency over one period. Each entry is netted across the user's accounts first: a transfer between two own accounts in one currency is no cash flow.",
})
export class CashFlowPoint {
  @Field(() => LocalDateScalar, { description: 'First day of the period (clipped to from).' })
  start!: string;

  @Field(() => LocalDateScalar, { description: 'Last day of the period (clipped to to).' })
  end!: string;

  @Field(() => String, { description: 'ISO 4217 code.' })
  currency!: string;

  @Field(() => Money)
  credits!: Money;

  @Field(() => Money)
  debits!: Money;

  @Field(() => Money, { description: 'credits - debits.' })
  net!: Money;

  @Field(() => Int, { description: 'Entries whose amount is in this currency.' })
  entryCount!: number;
}

@ArgsType()
export class CashFlowArgs {
  @Field(() => LocalDateScalar)
  from!: string;

  @Field(() => LocalDateScalar)
  to!: string;

  @Field(() => CashFlowGrouping, {
    defaultValue: CashFlowGrouping.DAY,
    description: 'At most 366 periods per query.',
  })
  groupBy!: CashFlowGrouping;
}
