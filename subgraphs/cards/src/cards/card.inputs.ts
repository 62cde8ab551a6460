import { DecimalScalar } from '@saldo/kit';
import { Field, ID, InputType, Int } from 'type-graphql';
import { CardBrand } from './card.model';

@InputType('CreateCardInput')
export class CreateCardInput {
  @Field(() => String)
  name!: string;

  @Field(() => CardBrand, { nullable: true, description: 'Defaults to OTHER.' })
  brand?: CardBrand | null;

  @Field(() => String, { nullable: true, description: 'Last four digits.' })
  last4?: string | null;

  @Field(() => String, { description: 'ISO 4217 code, e.g. "BRL".' })
  currency!: string;

  @Field(() => DecimalScalar)
  limit!: string;

  @Field(() => Int, { description: '1-31; clamps to the last day of shorter months.' })
  closingDay!: number;

  @Field(() => Int, { description: '1-31; on or before closingDay means the following month.' })
  dueDay!: number;

  @Field(() => ID, {
    nullable: true,
    description: 'The ledger account invoices are paid from by default.',
  })
  paymentAccountId?: string | null;
}

@InputType('UpdateCardInput', {
  description:
    "Omitted fields keep their value. New days apply to invoices not created yet; move an existing invoice's dates with adjustInvoiceDates.",
})
export class UpdateCardInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => CardBrand, { nullable: true })
  brand?: CardBrand | null;

  @Field(() => String, { nullable: true, description: 'null clears it.' })
  last4?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  limit?: string | null;

  @Field(() => Int, { nullable: true })
  closingDay?: number | null;

  @Field(() => Int, { nullable: true })
  dueDay?: number | null;

  @Field(() => ID, { nullable: true, description: 'null clears it.' })
  paymentAccountId?: string | null;
}
