import { connectionType, DateTimeScalar, LocalDateScalar, Money } from '@saldo/kit';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { InstallmentRecord, PurchaseRecord, RefundRecord } from './purchase.model';

@ObjectType('Purchase', { description: 'A card purchase, split into installments (parcelas).' })
export class Purchase {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  description!: string;

  @Field(() => String, { nullable: true })
  merchant!: string | null;

  @Field(() => Money)
  totalAmount!: Money;

  @Field(() => LocalDateScalar)
  purchaseDate!: string;

  @Field(() => Int)
  installmentCount!: number;

  @Field(() => Boolean)
  deleted!: boolean;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  record!: PurchaseRecord;

  static from(r: PurchaseRecord): Purchase {
    return Object.assign(new Purchase(), {
      id: r.id,
      description: r.description,
      merchant: r.merchant,
      totalAmount: Money.of(r.total, r.currency),
      purchaseDate: r.purchaseDate,
      installmentCount: r.installmentCount,
      deleted: r.deleted,
      createdAt: r.createdAt,
      record: r,
    });
  }
}

export const PurchaseConnection = connectionType('Purchase', Purchase);

@ObjectType('Installment', { description: 'One parcela of a purchase, on one invoice.' })
export class Installment {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: '1 for the first.' })
  number!: number;

  @Field(() => Money)
  amount!: Money;

  @Field(() => String, { description: "The invoice's month, YYYY-MM." })
  month!: string;

  @Field(() => LocalDateScalar, {
    description: 'The day the ledger books it: the purchase day clamped into the invoice month.',
  })
  date!: string;

  invoiceId!: string;

  static from(r: InstallmentRecord, currency: string): Installment {
    return Object.assign(new Installment(), {
      id: r.id,
      number: r.number,
      amount: Money.of(r.amount, currency),
      month: r.month,
      date: r.bookingDate,
      invoiceId: r.invoiceId,
    });
  }
}

@ObjectType('Refund', { description: 'Money given back: a credit on the open invoice.' })
export class Refund {
  @Field(() => ID)
  id!: string;

  @Field(() => Money, { description: 'Positive: what was given back.' })
  amount!: Money;

  @Field(() => LocalDateScalar)
  date!: string;

  invoiceId!: string;

  static from(r: RefundRecord, currency: string): Refund {
    return Object.assign(new Refund(), {
      id: r.id,
      amount: Money.of(r.amount, currency),
      date: r.date,
      invoiceId: r.invoiceId,
    });
  }
}
