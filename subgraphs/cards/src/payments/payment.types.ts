import { DateTimeScalar, LocalDateScalar, Money } from '@saldo/kit';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { PaymentStatus, type PaymentRecord } from './payment.model';

registerEnumType(PaymentStatus, {
  name: 'PaymentStatus',
  description:
    'PENDING until the ledger books the transfer (CONFIRMED) or refuses it (FAILED, nothing changes).',
});

@ObjectType('Payment', { description: 'An invoice payment: a transfer into the card account.' })
export class Payment {
  @Field(() => ID)
  id!: string;

  @Field(() => Money)
  amount!: Money;

  @Field(() => LocalDateScalar)
  date!: string;

  @Field(() => PaymentStatus)
  status!: PaymentStatus;

  @Field(() => String, { nullable: true, description: "The ledger's error code when FAILED." })
  failureCode!: string | null;

  @Field(() => String, { nullable: true })
  failureReason!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  record!: PaymentRecord;

  static from(r: PaymentRecord): Payment {
    return Object.assign(new Payment(), {
      id: r.id,
      amount: Money.of(r.amount, r.currency),
      date: r.date,
      status: r.status,
      failureCode: r.failureCode,
      failureReason: r.failureReason,
      createdAt: r.createdAt,
      record: r,
    });
  }
}
