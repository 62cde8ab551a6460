import { DateTimeScalar, Scope, userOf } from '@saldo/kit';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
} from 'type-graphql';
import type { NotificationsContext } from '../services';

@ObjectType('PushSubscription', { description: "A browser's Web Push subscription." })
export class PushSubscription {
  @Field(() => ID)
  id!: string;
  @Field(() => String)
  endpoint!: string;
  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

@InputType('RegisterPushSubscriptionInput', {
  description: 'PushSubscription.toJSON() of the browser.',
})
export class RegisterPushSubscriptionInput {
  @Field(() => String)
  endpoint!: string;
  @Field(() => String, { description: 'keys.p256dh, base64url.' })
  p256dh!: string;
  @Field(() => String, { description: 'keys.auth, base64url.' })
  auth!: string;
}

@Resolver()
export class PushResolver {
  @Authorized(Scope.PROFILE)
  @Query(() => String, { description: 'VAPID public key (base64url) for PushManager.subscribe.' })
  webPushPublicKey(@Ctx() ctx: NotificationsContext): Promise<string> {
    return ctx.services.push.publicKey(ctx.em);
  }

  @Authorized(Scope.PROFILE)
  @Mutation(() => PushSubscription)
  async registerPushSubscription(
    @Arg('input', () => RegisterPushSubscriptionInput) input: RegisterPushSubscriptionInput,
    @Ctx() ctx: NotificationsContext,
  ): Promise<PushSubscription> {
    const sub = await ctx.services.push.register(ctx.em, userOf(ctx), input);
    return Object.assign(new PushSubscription(), {
      id: sub.id,
      endpoint: sub.endpoint,
      createdAt: sub.createdAt,
    });
  }

  @Authorized(Scope.PROFILE)
  @Mutation(() => Boolean)
  removePushSubscription(
    @Arg('endpoint', () => String) endpoint: string,
    @Ctx() ctx: NotificationsContext,
  ) {
    return ctx.services.push.remove(ctx.em, userOf(ctx), endpoint);
  }
}
