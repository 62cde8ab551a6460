import { Money, PageArgs, Scope, type ConnectionValue } from '@saldo/kit';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { mapConnection } from '../common/connections';
import { currentInvoiceLoader, forgetLoaded, loadOnce, usedLoader } from '../common/loaders';
import { userOf, zoneOf } from '@saldo/kit';
import { AccountRef } from '../common/stubs';
import { InvoiceStatus } from '../invoices/invoice-state';
import { cardInvoicesLoader } from '../invoices/invoice.loader';
import { Invoice, InvoiceConnection } from '../invoices/invoice.types';
import { cardPurchasesLoader } from '../purchases/purchase.loader';
import { Purchase, PurchaseConnection } from '../purchases/purchase.types';
import type { CardsContext } from '../services';
import { CreateCardInput, UpdateCardInput } from './card.inputs';
import { Card, CardConnection } from './card.types';

@Resolver(() => Card)
export class CardResolver {
  @Authorized(Scope.CARDS_READ)
  @Query(() => Card, { description: 'One of your cards; NOT_FOUND otherwise.' })
  async card(@Arg('id', () => ID) id: string, @Ctx() ctx: CardsContext): Promise<Card> {
    return Card.from(await ctx.services.cards.get(ctx.em, userOf(ctx), id));
  }

  @Authorized(Scope.CARDS_READ)
  @Query(() => [Card], {
    description: 'Your cards, oldest first.',
    deprecationReason: 'Use cardConnection, which pages.',
  })
  async cards(
    @Arg('includeArchived', () => Boolean, { defaultValue: false }) includeArchived: boolean,
    @Ctx() ctx: CardsContext,
  ): Promise<Card[]> {
    const rows = await ctx.services.cards.list(ctx.em, userOf(ctx), includeArchived);
    return rows.map((r) => Card.from(r));
  }

  @Authorized(Scope.CARDS_READ)
  @Query(() => CardConnection, { description: 'Your cards a page at a time, oldest first.' })
  async cardConnection(
    @Arg('includeArchived', () => Boolean, { defaultValue: false }) includeArchived: boolean,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: CardsContext,
  ): Promise<ConnectionValue<Card>> {
    const result = await ctx.services.cards.page(ctx.em, userOf(ctx), includeArchived, page);
    return mapConnection(result, (r) => Card.from(r));
  }

  @Authorized(Scope.CARDS_WRITE)
  @Mutation(() => Card, {
    description: 'Also creates its CREDIT_CARD account in the ledger (liabilityAccount).',
  })
  async createCard(
    @Arg('input', () => CreateCardInput) input: CreateCardInput,
    @Ctx() ctx: CardsContext,
  ): Promise<Card> {
    return Card.from(await ctx.services.cards.create(ctx.em, userOf(ctx), input, zoneOf(ctx)));
  }

  @Authorized(Scope.CARDS_WRITE)
  @Mutation(() => Card)
  async updateCard(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateCardInput) input: UpdateCardInput,
    @Ctx() ctx: CardsContext,
  ): Promise<Card> {
    forgetLoaded(ctx);
    return Card.from(await ctx.services.cards.update(ctx.em, userOf(ctx), id, input));
  }

  @Authorized(Scope.CARDS_WRITE)
  @Mutation(() => Card, { description: 'Only a card that owes nothing; its ledger account too.' })
  async archiveCard(@Arg('id', () => ID) id: string, @Ctx() ctx: CardsContext): Promise<Card> {
    forgetLoaded(ctx);
    return Card.from(await ctx.services.cards.archive(ctx.em, userOf(ctx), id));
  }

  @FieldResolver(() => Money, {
    description:
      'limit - every unpaid installment (future ones too) - refunds + confirmed payments.',
  })
  async availableLimit(@Root() card: Card, @Ctx() ctx: CardsContext): Promise<Money> {
    const used = await usedLoader(ctx).load(card.id);
    return Money.of(card.record.limit - used, card.currency);
  }

  @FieldResolver(() => AccountRef, { nullable: true })
  paymentAccount(@Root() card: Card): AccountRef | null {
    return AccountRef.of(card.record.paymentAccountId);
  }

  @FieldResolver(() => AccountRef, {
    nullable: true,
    description: "The card's CREDIT_CARD account in the ledger: what the card owes.",
  })
  liabilityAccount(@Root() card: Card): AccountRef | null {
    return AccountRef.of(card.record.liabilityAccountId);
  }

  @FieldResolver(() => Invoice, {
    nullable: true,
    description: 'The earliest open invoice: the one new purchases go to.',
  })
  async currentInvoice(@Root() card: Card, @Ctx() ctx: CardsContext): Promise<Invoice | null> {
    const invoice = await currentInvoiceLoader(ctx).load(card.id);
    return invoice ? Invoice.from(invoice) : null;
  }

  @FieldResolver(() => InvoiceConnection, { description: 'Newest month first.' })
  async invoices(
    @Root() card: Card,
    @Arg('status', () => InvoiceStatus, { nullable: true }) status: InvoiceStatus | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: CardsContext,
  ): Promise<ConnectionValue<Invoice>> {
    const result = await loadOnce(cardInvoicesLoader(ctx, status, page), card.id);
    return mapConnection(result, (r) => Invoice.from(r));
  }

  @FieldResolver(() => PurchaseConnection, { description: 'Newest purchase date first.' })
  async purchases(
    @Root() card: Card,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: CardsContext,
  ): Promise<ConnectionValue<Purchase>> {
    const result = await loadOnce(cardPurchasesLoader(ctx, page), card.id);
    return mapConnection(result, (r) => Purchase.from(r));
  }
}
