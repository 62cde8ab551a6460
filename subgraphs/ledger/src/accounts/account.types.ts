import { DateTimeScalar, Money } from '@saldo/kit';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { AccountType, type AccountRecord } from './account.model';

registerEnumType(AccountType, {
  name: 'AccountType',
  description: 'CREDIT_CARD, LOAN and OTHER_LIABILITY are liabilities; the rest are assets.',
});

@ObjectType('Account', {
  description:
    'A place money is kept or owed. Balances are signed: a liability owing R$ 100 shows -100.00.',
})
@Directive('@key(fields: "id")')
export class Account {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => AccountType)
  type!: AccountType;

  @Field(() => String, { description: 'ISO 4217 code; every amount on the account is in it.' })
  currency!: string;

  @Field(() => Money, {
    description: 'initialBalance plus every posting, pending entries excluded.',
  })
  balance!: Money;

  @Field(() => Money, { description: 'The balance before the first entry.' })
  initialBalance!: Money;

  @Field(() => Boolean, {
    description: 'False: an entry that would make the balance negative fails.',
  })
  allowNegative!: boolean;

  @Field(() => Boolean)
  archived!: boolean;

  @Field(() => String, { nullable: true })
  color!: string | null;

  @Field(() => String, { nullable: true })
  icon!: string | null;

  @Field(() => String, { nullable: true, description: 'Set when another domain owns it (a card).' })
  externalId!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  /** The record behind it, for field resolvers. */
  record!: AccountRecord;

  static from(record: AccountRecord): Account {
    return Object.assign(new Account(), {
      id: record.id,
      name: record.name,
      type: record.type,
      currency: record.currency,
      balance: Money.of(record.balance, record.currency),
      initialBalance: Money.of(record.initialBalance, record.currency),
      allowNegative: record.allowNegative,
      archived: record.archived,
      color: record.color,
      icon: record.icon,
      externalId: record.externalId,
      createdAt: record.createdAt,
      record,
    });
  }
}
