import { Scope } from '@saldo/kit';
import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { forgetLoaded, invoiceLoader } from '../common/loaders';
import { userOf, zoneOf } from '@saldo/kit';
import { AccountRef, EntryRef } from '../common/stubs';
import { Invoice } from '../invoices/invoice.types';
import type { CardsContext } from '../services';
import { PayInvoiceInput } from './payment.inputs';
import { Payment } from './payment.types';

@Resolver(() => Payment)
export class PaymentResolver {
  @Authorized(Scope.CARDS_WRITE)
  @Mutation(() => Payment, {
    description:
      'Records the payment PENDING and asks the ledger for the transfer; it turns CONFIRMED (limit restored) or FAILED.',
  })
  async payInvoice(
    @Arg('input', () => PayInvoiceInput) input: PayInvoiceInput,
    @Ctx() ctx: CardsContext,
  ): Promise<Payment> {
    forgetLoaded(ctx);
    const payments = ctx.services.payments;
    return Payment.from(await payments.pay(ctx.em, userOf(ctx), input, zoneOf(ctx)));
  }

  @FieldResolver(() => Invoice)
  async invoice(@Root() payment: Payment, @Ctx() ctx: CardsContext): Promise<Invoice> {
    return Invoice.from((await invoiceLoader(ctx).load(payment.record.invoiceId))!);
  }

  @FieldResolver(() => AccountRef)
  fromAccount(@Root() payment: Payment): AccountRef {
    return AccountRef.of(payment.record.fromAccountId)!;
  }

  @FieldResolver(() => EntryRef, {
    nullable: true,
    description: 'The ledger transfer, once CONFIRMED.',
  })
  entry(@Root() payment: Payment): EntryRef | null {
    return EntryRef.of(payment.record.ledgerEntryId);
  }
}
