import { ArgsType, Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { LocalDateScalar, Money } from '@saldo/kit';
import { eventCatalog, type EventData, type EventType } from '@saldo/events';
import type { DayBalance } from './fill-days';

@ObjectType('Account')
@Directive('@key(fields: "id")')
export class Account {
  @Field(() => ID)
  id!: string;

  static of(id: string): Account {
    return Object.assign(new Account(), { id });
  }
}

/** Field names match the `consolidation.daily_balance.updated` event (the live payload). */
@ObjectType('DailyBalance', {
  description:
    'One account on one day, in its currency. closing = opening + credits - debits; a backdated entry moves every later opening and closing.',
})
export class DailyBalance {
  @Field(() => ID)
  accountId!: string;

  @Field(() => LocalDateScalar, { description: "The day, in the account owner's time zone." })
  date!: string;

  @Field(() => Money, { description: 'The balance at the start of the day.' })
  opening!: Money;

  @Field(() => Money, { description: 'Money in (positive).' })
  credits!: Money;

  @Field(() => Money, { description: 'Money out (positive).' })
  debits!: Money;

  @Field(() => Money, { description: 'The balance at the end of the day.' })
  closing!: Money;

  @Field(() => Int, { description: 'Entries moving this account on this day.' })
  entryCount!: number;

  static of(accountId: string, currency: string, day: DayBalance): DailyBalance {
    return Object.assign(new DailyBalance(), {
      accountId,
      date: day.date,
      opening: Money.of(day.opening, currency),
      credits: Money.of(day.credits, currency),
      debits: Money.of(day.debits, currency),
      closing: Money.of(day.closing, currency),
      entryCount: day.entryCount,
    });
  }

  /** The live payload, from a `consolidation.daily_balance.updated` event's data. */
  static fromEvent(data: EventData<EventType>): DailyBalance {
    const d = eventCatalog['consolidation.daily_balance.updated'].parse(data);
    const money = (m: { amount: string; currency: string }) => Object.assign(new Money(), m);
    return Object.assign(new DailyBalance(), {
      accountId: d.accountId,
      date: d.date,
      opening: money(d.opening),
      credits: money(d.credits),
      debits: money(d.debits),
      closing: money(d.closing),
      entryCount: d.entryCount,
    });
  }
}

@ArgsType()
export class DayRangeArgs {
  @Field(() => LocalDateScalar, { description: 'First day, included.' })
  from!: string;

  @Field(() => LocalDateScalar, { description: 'Last day, included; at most 366 days after from.' })
  to!: string;
}
