import { PageArgs, Scope, userOf, type ConnectionValue } from '@saldo/kit';
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
import { batchLoader } from '../batches/batch.resolver';
import { progressOf } from '../batches/batch.repository';
import { ChargeBatch } from '../batches/batch.types';
import type { BillingContext } from '../services';
import {
  Charge,
  ChargeConnection,
  ChargeFilterInput,
  CreateChargeInput,
  RegisterChargePaymentInput,
} from './charge.types';

@Resolver(() => Charge)
export class ChargeResolver {
  @Authorized(Scope.BILLING_READ)
  @Query(() => Charge, { description: 'One of your charges; NOT_FOUND otherwise.' })
  async charge(@Arg('id', () => ID) id: string, @Ctx() ctx: BillingContext): Promise<Charge> {
    const s = ctx.services;
    return Charge.from(await s.charges.get(ctx.em, userOf(ctx), id), (c) => s.charges.pdfUrl(c));
  }

  @Authorized(Scope.BILLING_READ)
  @Query(() => ChargeConnection, { description: 'Your charges, newest first.' })
  async charges(
    @Arg('filter', () => ChargeFilterInput, { nullable: true }) filter: ChargeFilterInput | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: BillingContext,
  ): Promise<ConnectionValue<Charge>> {
    const s = ctx.services;
    const result = await s.charges.page(ctx.em, userOf(ctx), filter ?? {}, page);
    return {
      edges: result.edges.map((e) => ({
        cursor: e.cursor,
        node: Charge.from(e.node, (c) => s.charges.pdfUrl(c)),
      })),
      pageInfo: result.pageInfo,
    };
  }

  @FieldResolver(() => ChargeBatch, {
    nullable: true,
    description: 'The batch (imported file) that made it; null for createCharge.',
  })
  async batch(@Root() charge: Charge, @Ctx() ctx: BillingContext): Promise<ChargeBatch | null> {
    if (!charge.batchId) return null;
    const b = await batchLoader(ctx).load(charge.batchId);
    return b ? ChargeBatch.from(b, progressOf(b)) : null;
  }

  @Authorized(Scope.BILLING_WRITE)
  @Mutation(() => Charge, {
    description:
      'Issues one charge (boleto + PIX) and emails it; the same debtId returns it again.',
  })
  async createCharge(
    @Arg('input', () => CreateChargeInput) input: CreateChargeInput,
    @Ctx() ctx: BillingContext,
  ): Promise<Charge> {
    const s = ctx.services;
    return Charge.from(await s.charges.create(ctx.em, userOf(ctx), input), (c) =>
      s.charges.pdfUrl(c),
    );
  }

  @Authorized(Scope.BILLING_WRITE)
  @Mutation(() => Charge, { description: 'Cancels a charge not yet paid.' })
  async cancelCharge(@Arg('id', () => ID) id: string, @Ctx() ctx: BillingContext): Promise<Charge> {
    const s = ctx.services;
    return Charge.from(await s.charges.cancel(ctx.em, userOf(ctx), id), (c) => s.charges.pdfUrl(c));
  }

  @Authorized(Scope.BILLING_WRITE)
  @Mutation(() => Charge, { description: 'Emails the charge to its payer again.' })
  async resendCharge(@Arg('id', () => ID) id: string, @Ctx() ctx: BillingContext): Promise<Charge> {
    const s = ctx.services;
    return Charge.from(await s.charges.resend(ctx.em, userOf(ctx), id), (c) => s.charges.pdfUrl(c));
  }

  @Authorized(Scope.BILLING_WRITE)
  @Mutation(() => Charge, {
    description: 'Settles a charge by hand: PAID, and booked as income in the receiving account.',
  })
  async registerChargePayment(
    @Arg('input', () => RegisterChargePaymentInput) input: RegisterChargePaymentInput,
    @Ctx() ctx: BillingContext,
  ): Promise<Charge> {
    const s = ctx.services;
    return Charge.from(await s.charges.registerPayment(ctx.em, userOf(ctx), input), (c) =>
      s.charges.pdfUrl(c),
    );
  }
}
