import { PageArgs, Scope, userOf, type ConnectionValue } from '@saldo/kit';
import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { NotificationsContext } from '../services';
import {
  CreateWebhookEndpointInput,
  CreateWebhookEndpointPayload,
  WebhookDelivery,
  WebhookDeliveryConnection,
  WebhookEndpoint,
} from './webhook.types';
import type { WebhookEndpointEntity } from './webhook.entity';

const withSecret = (r: { endpoint: WebhookEndpointEntity; secret: string }) =>
  Object.assign(new CreateWebhookEndpointPayload(), {
    endpoint: WebhookEndpoint.from(r.endpoint),
    secret: r.secret,
  });

@Resolver(() => WebhookEndpoint)
export class WebhookResolver {
  @Authorized(Scope.PROFILE)
  @Query(() => [WebhookEndpoint])
  async webhookEndpoints(@Ctx() ctx: NotificationsContext) {
    return (await ctx.services.webhooks.list(ctx.em, userOf(ctx))).map((e) =>
      WebhookEndpoint.from(e),
    );
  }

  @Authorized(Scope.PROFILE)
  @Query(() => WebhookDeliveryConnection, { description: 'Newest first.' })
  async webhookDeliveries(
    @Arg('endpointId', () => ID) endpointId: string,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: NotificationsContext,
  ): Promise<ConnectionValue<WebhookDelivery>> {
    const result = await ctx.services.webhooks.deliveries(ctx.em, userOf(ctx), endpointId, page);
    return {
      edges: result.edges.map((e) => ({ cursor: e.cursor, node: WebhookDelivery.from(e.node) })),
      pageInfo: result.pageInfo,
    };
  }

  @Authorized(Scope.PROFILE)
  @Mutation(() => CreateWebhookEndpointPayload)
  async createWebhookEndpoint(
    @Arg('input', () => CreateWebhookEndpointInput) input: CreateWebhookEndpointInput,
    @Ctx() ctx: NotificationsContext,
  ) {
    return withSecret(await ctx.services.webhooks.create(ctx.em, userOf(ctx), input));
  }

  @Authorized(Scope.PROFILE)
  @Mutation(() => CreateWebhookEndpointPayload, {
    description: 'The old secret stops signing now.',
  })
  async rotateWebhookSecret(@Arg('id', () => ID) id: string, @Ctx() ctx: NotificationsContext) {
    return withSecret(await ctx.services.webhooks.rotate(ctx.em, userOf(ctx), id));
  }

  @Authorized(Scope.PROFILE)
  @Mutation(() => WebhookEndpoint, { description: 'Turns a disabled endpoint back on.' })
  async enableWebhookEndpoint(@Arg('id', () => ID) id: string, @Ctx() ctx: NotificationsContext) {
    return WebhookEndpoint.from(await ctx.services.webhooks.enable(ctx.em, userOf(ctx), id));
  }

  @Authorized(Scope.PROFILE)
  @Mutation(() => Boolean)
  deleteWebhookEndpoint(@Arg('id', () => ID) id: string, @Ctx() ctx: NotificationsContext) {
    return ctx.services.webhooks.delete(ctx.em, userOf(ctx), id);
  }
}
