import { connectionType, DateTimeScalar, Money } from '@saldo/kit';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CardBrand, type CardRecord } from './card.model';

registerEnumType(CardBrand, { name: 'CardBrand' });

@ObjectType('Card', {
  description:
    'A credit card: purchases split into installments on monthly invoices, within a limit.',
})
@Directive('@key(fields: "id")')
export class Card {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => CardBrand)
  brand!: CardBrand;

  @Field(() => String, { nullable: true, description: 'Last four digits of the card number.' })
  last4!: string | null;

  @Field(() => String, { description: 'ISO 4217 code of the limit, purchases and invoices.' })
  currency!: string;

  @Field(() => Money)
  limit!: Money;

  @Field(() => Int, {
    description:
      'Invoices close on this day (clamped to short months); purchases on it go to the next invoice.',
  })
  closingDay!: number;

  @Field(() => Int, {
    description: 'Invoices are due on this day, in the following month when not after closing.',
  })
  dueDay!: number;

  @Field(() => Boolean)
  archived!: boolean;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  /** The record behind it, for field resolvers. */
  record!: CardRecord;

  static from(record: CardRecord): Card {
    return Object.assign(new Card(), {
      id: record.id,
      name: record.name,
      brand: record.brand,
      last4: record.last4,
      currency: record.currency,
      limit: Money.of(record.limit, record.currency),
      closingDay: record.closingDay,
      dueDay: record.dueDay,
      archived: record.archived,
      createdAt: record.createdAt,
      record,
    });
  }
}

export const CardConnection = connectionType('Card', Card);
