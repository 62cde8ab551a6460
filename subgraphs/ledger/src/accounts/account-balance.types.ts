import { connectionType, Money } from '@saldo/kit';
import { Field, ID, ObjectType } from 'type-graphql';
import type { AccountRecord } from './account.model';

@ObjectType('AccountBalance', {
  description: "Operators: one account's current balance, with its owner.",
})
export class AccountBalance {
  @Field(() => ID)
  accountId!: string;

  @Field(() => ID)
  userId!: string;

  @Field(() => Money, {
    description: 'initialBalance plus every posting, pending entries excluded.',
  })
  balance!: Money;

  @Field(() => Boolean)
  archived!: boolean;

  static from(record: AccountRecord): AccountBalance {
    return Object.assign(new AccountBalance(), {
      accountId: record.id,
      userId: record.userId,
      balance: Money.of(record.balance, record.currency),
      archived: record.archived,
    });
  }
}

export const AccountBalanceConnection = connectionType('AccountBalance', AccountBalance);
