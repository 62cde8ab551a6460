import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, LocalDateScalar, Money } from '@saldo/kit';
import type { DayView } from './day.service';

export enum DayStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
  REOPENED = 'REOPENED',
}

export enum DayAction {
  CLOSED = 'CLOSED',
  REOPENED = 'REOPENED',
}

registerEnumType(DayStatus, {
  name: 'DayStatus',
  description: 'REOPENED: a late or backdated entry changed a closed day; it closes again.',
});
registerEnumType(DayAction, { name: 'DayAction' });

@ObjectType('DayHistoryRecord', { description: 'A close or a reopen of the day.' })
export class DayHistoryRecord {
  @Field(() => DayAction)
  action!: DayAction;

  @Field(() => DateTimeScalar)
  at!: Date;

  @Field(() => Int, { nullable: true, description: 'Entries of the day when it closed.' })
  entryCount!: number | null;
}

@ObjectType('DayConsolidation', { description: "The caller's day across all of their accounts." })
export class DayConsolidation {
  @Field(() => LocalDateScalar)
  date!: string;

  @Field(() => DayStatus)
  status!: DayStatus;

  @Field(() => DateTimeScalar, { nullable: true, description: 'The last close.' })
  closedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'The last reopen.' })
  reopenedAt!: Date | null;

  @Field(() => Int, { description: 'Entries of the day (as the projection stands now).' })
  entryCount!: number;

  @Field(() => [Money], { description: 'Money in, one per currency.' })
  credits!: Money[];

  @Field(() => [Money], { description: 'Money out, one per currency.' })
  debits!: Money[];

  @Field(() => [DayHistoryRecord], { description: 'Every close and reopen, oldest first.' })
  history!: DayHistoryRecord[];

  static from(view: DayView): DayConsolidation {
    return Object.assign(new DayConsolidation(), {
      date: view.date,
      status: view.status as DayStatus,
      closedAt: view.closedAt,
      reopenedAt: view.reopenedAt,
      entryCount: view.totals.reduce((n, t) => n + t.entryCount, 0),
      credits: view.totals.map((t) => Money.of(t.credits, t.currency)),
      debits: view.totals.map((t) => Money.of(t.debits, t.currency)),
      history: view.history.map((h) =>
        Object.assign(new DayHistoryRecord(), { ...h, action: h.action as DayAction }),
      ),
    });
  }
}
