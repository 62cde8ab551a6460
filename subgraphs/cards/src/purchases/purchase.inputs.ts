import { DecimalScalar, LocalDateScalar } from '@saldo/kit';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType('CreatePurchaseInput')
export class CreatePurchaseInput {
  @Field(() => ID)
  cardId!: string;

  @Field(() => String)
  description!: string;

  @Field(() => String, { nullable: true })
  merchant?: string | null;

  @Field(() => ID, { nullable: true, description: 'An expense category of the ledger.' })
  categoryId?: string | null;

  @Field(() => DecimalScalar, { description: "The whole purchase, in the card's currency." })
  totalAmount!: string;

  @Field(() => LocalDateScalar, { description: 'Today or earlier.' })
  purchaseDate!: string;

  @Field(() => Int, {
    nullable: true,
    description: '1-48, default 1. Amounts split exactly; the first ones carry the extra cent.',
  })
  installmentCount?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Same key + same input returns the first result; another input is CONFLICT.',
  })
  idempotencyKey?: string | null;
}

@InputType('UpdatePurchaseInput', {
  description:
    'Omitted fields keep their value. A new amount, date or count replaces the installments.',
})
export class UpdatePurchaseInput {
  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'null clears it.' })
  merchant?: string | null;

  @Field(() => ID, { nullable: true, description: 'null clears it.' })
  categoryId?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  totalAmount?: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  purchaseDate?: string | null;

  @Field(() => Int, { nullable: true })
  installmentCount?: number | null;
}
