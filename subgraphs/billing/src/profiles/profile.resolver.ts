import { Scope, userOf, zoneOf } from '@saldo/kit';
import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { BillingContext } from '../services';
import { BillingProfile, UpdateBillingProfileInput } from './profile.types';

@Resolver(() => BillingProfile)
export class ProfileResolver {
  @Authorized(Scope.BILLING_READ)
  @Query(() => BillingProfile, { description: 'Your billing profile (empty until you fill it).' })
  async billingProfile(@Ctx() ctx: BillingContext): Promise<BillingProfile> {
    return BillingProfile.from(await ctx.services.profiles.status(ctx.em, userOf(ctx)));
  }

  @Authorized(Scope.BILLING_WRITE)
  @Mutation(() => BillingProfile, { description: 'Changes the fields given; each is validated.' })
  async updateBillingProfile(
    @Arg('input', () => UpdateBillingProfileInput) input: UpdateBillingProfileInput,
    @Ctx() ctx: BillingContext,
  ): Promise<BillingProfile> {
    return BillingProfile.from(
      await ctx.services.profiles.update(ctx.em, userOf(ctx), input, zoneOf(ctx)),
    );
  }
}
