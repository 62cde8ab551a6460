import { LocalDateScalar, Money } from '@saldo/kit';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AccountRef } from '../common/stubs';
import type { Forecast, ForecastItem as Item, ForecastPoint as Point } from './forecast';

export enum ForecastItemSource {
  RECURRING = 'RECURRING',
  PENDING = 'PENDING',
  INVOICE = 'INVOICE',
}
registerEnumType(ForecastItemSource, {
  name: 'ForecastItemSource',
  valuesConfig: {
    RECURRING: { description: 'The next occurrence of one of your recurring charges.' },
    PENDING: { description: 'A pending entry (a bill, a scheduled recurrence).' },
    INVOICE: { description: 'What is left to pay on a card invoice, on its due date.' },
  },
});

@ObjectType({ description: 'The expected balance at the end of one day, with an 80 % band.' })
export class BalanceForecastPoint {
  @Field(() => LocalDateScalar)
  date!: string;

  @Field(() => Money)
  expected!: Money;

  @Field(() => Money)
  low!: Money;

  @Field(() => Money)
  high!: Money;

  static of(p: Point, currency: string): BalanceForecastPoint {
    return Object.assign(new BalanceForecastPoint(), {
      date: p.date,
      expected: Money.of(p.expectedMinor, currency),
      low: Money.of(p.lowMinor, currency),
      high: Money.of(p.highMinor, currency),
    });
  }
}

@ObjectType({ description: 'Known future money the forecast counts on.' })
export class ForecastItem {
  @Field(() => LocalDateScalar)
  date!: string;

  @Field(() => Money, { description: 'Signed: income positive, spending negative.' })
  amount!: Money;

  @Field(() => String, { description: 'The entry’s or series’ description, or the invoice month.' })
  description!: string;

  @Field(() => ForecastItemSource)
  source!: ForecastItemSource;

  @Field(() => ID, { description: 'The pending entry, recurring charge or card invoice.' })
  refId!: string;

  static of(i: Item, currency: string): ForecastItem {
    return Object.assign(new ForecastItem(), {
      date: i.date,
      amount: Money.of(i.amountMinor, currency),
      description: i.description,
      source: i.source as ForecastItemSource,
      refId: i.refId,
    });
  }
}

@ObjectType({
  description:
    'Your balance day by day ahead: known future money (recurring charges, pending entries, ' +
    'card invoices) plus your usual pattern of everything else.',
})
export class BalanceForecast {
  @Field(() => AccountRef, {
    nullable: true,
    description: 'The account forecast; null: your spendable accounts together.',
  })
  account!: AccountRef | null;

  @Field(() => [AccountRef], { description: 'The accounts added up.' })
  accounts!: AccountRef[];

  @Field(() => String)
  currency!: string;

  @Field(() => Int)
  days!: number;

  @Field(() => Money, { description: 'The balance now (the first point).' })
  balance!: Money;

  @Field(() => [BalanceForecastPoint], { description: 'Today, then one point per day ahead.' })
  points!: BalanceForecastPoint[];

  @Field(() => BalanceForecastPoint, { description: 'The day with the lowest expected balance.' })
  lowest!: BalanceForecastPoint;

  @Field(() => [ForecastItem], { description: 'The known future money, soonest first.' })
  items!: ForecastItem[];

  @Field(() => Money, {
    description: 'What everything else usually adds per day (negative: you usually spend).',
  })
  usualDailyFlow!: Money;

  static of(
    f: Forecast,
    meta: { accountId: string | null; accounts: string[]; currency: string; days: number },
  ): BalanceForecast {
    const { currency } = meta;
    const points = f.points.map((p) => BalanceForecastPoint.of(p, currency));
    let lowest = 0;
    f.points.forEach((p, i) => {
      if (p.expectedMinor < (f.points[lowest] as Point).expectedMinor) lowest = i;
    });
    return Object.assign(new BalanceForecast(), {
      account: meta.accountId ? AccountRef.of(meta.accountId) : null,
      accounts: meta.accounts.map((id) => AccountRef.of(id)),
      currency,
      days: meta.days,
      balance: Money.of(f.balanceMinor, currency),
      points,
      lowest: points[lowest] as BalanceForecastPoint,
      items: f.items.map((i) => ForecastItem.of(i, currency)),
      usualDailyFlow: Money.of(f.dailyOtherMinor, currency),
    });
  }
}
