import { DecimalScalar, Money, Scope } from '@saldo/kit';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { Card } from '../cards/card.types';
import {
  cardLoader,
  forgetLoaded,
  installmentsLoader,
  invoiceLoader,
  refundsLoader,
} from '../common/loaders';
import { userOf, zoneOf } from '@saldo/kit';
import { CategoryRef } from '../common/stubs';
import { Invoice } from '../invoices/invoice.types';
import type { CardsContext } from '../services';
import { CreatePurchaseInput, UpdatePurchaseInput } from './purchase.inputs';
import { Installment, Purchase, Refund } from './purchase.types';

@Resolver(() => Purchase)
export class PurchaseResolver {
  @Authorized(Scope.CARDS_WRITE)
  @Mutation(() => Purchase, {
    description: 'Refused with LIMIT_EXCEEDED beyond the available limit.',
  })
  async createPurchase(
    @Arg('input', () => CreatePurchaseInput) input: CreatePurchaseInput,
    @Ctx() ctx: CardsContext,
  ): Promise<Purchase> {
    forgetLoaded(ctx);
    const purchases = ctx.services.purchases;
    return Purchase.from(await purchases.create(ctx.em, userOf(ctx), input, zoneOf(ctx)));
  }

  @Authorized(Scope.CARDS_WRITE)
  @Mutation(() => Purchase)
  async updatePurchase(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdatePurchaseInput) input: UpdatePurchaseInput,
    @Ctx() ctx: CardsContext,
  ): Promise<Purchase> {
    forgetLoaded(ctx);
    const purchases = ctx.services.purchases;
    return Purchase.from(await purchases.update(ctx.em, userOf(ctx), id, input, zoneOf(ctx)));
  }

  @Authorized(Scope.CARDS_WRITE)
  @Mutation(() => Purchase, { description: 'Its installments leave their invoices.' })
  async deletePurchase(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: CardsContext,
  ): Promise<Purchase> {
    forgetLoaded(ctx);
    const purchases = ctx.services.purchases;
    return Purchase.from(await purchases.delete(ctx.em, userOf(ctx), id, zoneOf(ctx)));
  }

  @Authorized(Scope.CARDS_WRITE)
  @Mutation(() => Purchase, {
    description: "A credit on the card's open invoice (not a payment); at most what is left.",
  })
  async refundPurchase(
    @Arg('id', () => ID) id: string,
    @Arg('amount', () => DecimalScalar) amount: string,
    @Arg('idempotencyKey', () => String, { nullable: true }) key: string | null,
    @Ctx() ctx: CardsContext,
  ): Promise<Purchase> {
    forgetLoaded(ctx);
    const refunds = ctx.services.refunds;
    return Purchase.from(await refunds.refund(ctx.em, userOf(ctx), id, amount, key, zoneOf(ctx)));
  }

  @FieldResolver(() => Card)
  async card(@Root() purchase: Purchase, @Ctx() ctx: CardsContext): Promise<Card> {
    return Card.from((await cardLoader(ctx).load(purchase.record.cardId))!);
  }

  @FieldResolver(() => CategoryRef, { nullable: true })
  category(@Root() purchase: Purchase): CategoryRef | null {
    return CategoryRef.of(purchase.record.categoryId);
  }

  @FieldResolver(() => [Installment], { description: 'Empty once deleted.' })
  async installments(@Root() purchase: Purchase, @Ctx() ctx: CardsContext): Promise<Installment[]> {
    const rows = await installmentsLoader(ctx).load(purchase.id);
    return rows.map((r) => Installment.from(r, purchase.record.currency));
  }

  @FieldResolver(() => [Refund])
  async refunds(@Root() purchase: Purchase, @Ctx() ctx: CardsContext): Promise<Refund[]> {
    const rows = await refundsLoader(ctx).load(purchase.id);
    return rows.map((r) => Refund.from(r, purchase.record.currency));
  }

  @FieldResolver(() => Money)
  async refundedAmount(@Root() purchase: Purchase, @Ctx() ctx: CardsContext): Promise<Money> {
    const rows = await refundsLoader(ctx).load(purchase.id);
    const total = rows.reduce((sum, r) => sum + r.amount, 0n);
    return Money.of(total, purchase.record.currency);
  }
}

@Resolver(() => Installment)
export class InstallmentResolver {
  @FieldResolver(() => Invoice)
  async invoice(@Root() installment: Installment, @Ctx() ctx: CardsContext): Promise<Invoice> {
    return Invoice.from((await invoiceLoader(ctx).load(installment.invoiceId))!);
  }
}

@Resolver(() => Refund)
export class RefundResolver {
  @FieldResolver(() => Invoice, { description: 'The invoice credited.' })
  async invoice(@Root() refund: Refund, @Ctx() ctx: CardsContext): Promise<Invoice> {
    return Invoice.from((await invoiceLoader(ctx).load(refund.invoiceId))!);
  }
}
