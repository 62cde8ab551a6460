import { Money } from '@saldo/kit';
import { eventCatalog, type EventData, type EventType } from '@saldo/events';
import { Field, ID, ObjectType } from 'type-graphql';

/** `account` and `entry` come from BalanceChangeResolver, scoped to the caller. */
@ObjectType('BalanceChange', {
  description: 'An account balance moved (the subscription payload).',
})
export class BalanceChange {
  @Field(() => ID)
  accountId!: string;

  @Field(() => Money, { description: 'The balance after the change.' })
  balance!: Money;

  @Field(() => Money, { description: 'How much it moved (signed).' })
  delta!: Money;

  @Field(() => ID, { nullable: true, description: 'The entry behind it, if exactly one.' })
  entryId!: string | null;

  /** Builds the payload from a `ledger.balance.changed` event's data. */
  static fromEvent(data: EventData<EventType>): BalanceChange {
    const change = eventCatalog['ledger.balance.changed'].parse(data);
    return Object.assign(new BalanceChange(), {
      accountId: change.accountId,
      balance: Object.assign(new Money(), change.balance),
      delta: Object.assign(new Money(), change.delta),
      entryId: change.entryId,
    });
  }
}
