import { LocalDateScalar, Scope } from '@saldo/kit';
import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Card } from '../cards/card.types';
import {
  cardLoader,
  forgetLoaded,
  invoiceLoader,
  itemsLoader,
  paymentsLoader,
  purchaseLoader,
} from '../common/loaders';
import { userOf, zoneOf } from '@saldo/kit';
import { Payment } from '../payments/payment.types';
import { Purchase } from '../purchases/purchase.types';
import type { CardsContext } from '../services';
import { Invoice, InvoiceItem, InvoiceUpdate } from './invoice.types';

@Resolver(() => Invoice)
export class InvoiceResolver {
  @Authorized(Scope.CARDS_READ)
  @Query(() => Invoice, { description: 'One of your invoices; NOT_FOUND otherwise.' })
  async invoice(@Arg('id', () => ID) id: string, @Ctx() ctx: CardsContext): Promise<Invoice> {
    return Invoice.from(await ctx.services.invoices.get(ctx.em, userOf(ctx), id));
  }

  @Authorized(Scope.CARDS_WRITE)
  @Mutation(() => Invoice, {
    description:
      'Banks move dates: the stored ones then win. The closing date moves only while open and ahead.',
  })
  async adjustInvoiceDates(
    @Arg('invoiceId', () => ID) invoiceId: string,
    @Arg('closingDate', () => LocalDateScalar) closingDate: string,
    @Arg('dueDate', () => LocalDateScalar) dueDate: string,
    @Ctx() ctx: CardsContext,
  ): Promise<Invoice> {
    forgetLoaded(ctx);
    const dates = { closingDate, dueDate };
    const invoices = ctx.services.invoices;
    return Invoice.from(
      await invoices.adjustDates(ctx.em, userOf(ctx), invoiceId, dates, zoneOf(ctx)),
    );
  }

  @FieldResolver(() => Card)
  async card(@Root() invoice: Invoice, @Ctx() ctx: CardsContext): Promise<Card> {
    return Card.from((await cardLoader(ctx).load(invoice.record.cardId))!);
  }

  @FieldResolver(() => [InvoiceItem], { description: 'By date.' })
  async items(@Root() invoice: Invoice, @Ctx() ctx: CardsContext): Promise<InvoiceItem[]> {
    const items = await itemsLoader(ctx).load(invoice.id);
    return items.map((i) => InvoiceItem.from(i, invoice.record.currency));
  }

  @FieldResolver(() => [Payment], { description: 'Oldest first, failed ones included.' })
  async payments(@Root() invoice: Invoice, @Ctx() ctx: CardsContext): Promise<Payment[]> {
    return (await paymentsLoader(ctx).load(invoice.id)).map((p) => Payment.from(p));
  }
}

@Resolver(() => InvoiceItem)
export class InvoiceItemResolver {
  @FieldResolver(() => Purchase, { nullable: true })
  async purchase(@Root() item: InvoiceItem, @Ctx() ctx: CardsContext): Promise<Purchase | null> {
    const purchase = item.purchaseId ? await purchaseLoader(ctx).load(item.purchaseId) : null;
    return purchase ? Purchase.from(purchase) : null;
  }
}

/** Payload fields beyond the event's: resolved as the subscribing user. */
@Resolver(() => InvoiceUpdate)
export class InvoiceUpdateResolver {
  @FieldResolver(() => Invoice, { nullable: true })
  async invoice(@Root() update: InvoiceUpdate, @Ctx() ctx: CardsContext): Promise<Invoice | null> {
    const invoice = await invoiceLoader(ctx).load(update.invoiceId);
    return invoice ? Invoice.from(invoice) : null;
  }

  @FieldResolver(() => Card, { nullable: true })
  async card(@Root() update: InvoiceUpdate, @Ctx() ctx: CardsContext): Promise<Card | null> {
    const card = await cardLoader(ctx).load(update.cardId);
    return card ? Card.from(card) : null;
  }
}
