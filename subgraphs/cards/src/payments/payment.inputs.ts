import { DecimalScalar, LocalDateScalar } from '@saldo/kit';
import { Field, ID, InputType } from 'type-graphql';

@InputType('PayInvoiceInput')
export class PayInvoiceInput {
  @Field(() => ID)
  invoiceId!: string;

  @Field(() => ID, {
    nullable: true,
    description: "The ledger account paying; defaults to the card's payment account.",
  })
  fromAccountId?: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Defaults to what is left to pay. More than that is credit on the next invoice.',
  })
  amount?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Defaults to today.' })
  date?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Same key + same input returns the first result; another input is CONFLICT.',
  })
  idempotencyKey?: string | null;
}
