import { notFound, PageArgs, Scope, userOf, type ConnectionValue } from '@saldo/kit';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Channel } from '../catalog/types';
import { User } from '../common/stubs';
import type { NotificationsContext } from '../services';
import type { DeliveryRecord } from './notification.repository';
import { Notification, NotificationConnection, NotificationDelivery } from './notification.types';

const mapPage = (page: ConnectionValue<Parameters<typeof Notification.from>[0]>) => ({
  edges: page.edges.map((e) => ({ cursor: e.cursor, node: Notification.from(e.node) })),
  pageInfo: page.pageInfo,
});

@Resolver(() => Notification)
export class NotificationResolver {
  @Authorized(Scope.PROFILE)
  @Query(() => NotificationConnection, { description: 'Your inbox, newest first.' })
  async notifications(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('unreadOnly', () => Boolean, { defaultValue: false }) unreadOnly: boolean,
    @Ctx() ctx: NotificationsContext,
  ): Promise<ConnectionValue<Notification>> {
    return mapPage(
      await ctx.services.notifications.page(ctx.em, userOf(ctx), { ...page, unreadOnly }),
    );
  }

  @Authorized(Scope.PROFILE)
  @Query(() => Int)
  unreadNotificationCount(@Ctx() ctx: NotificationsContext): Promise<number> {
    return ctx.services.notifications.unreadCount(ctx.em, userOf(ctx));
  }

  @Authorized(Scope.PROFILE)
  @Mutation(() => Notification, { description: 'NOT_FOUND unless it is yours.' })
  async markNotificationRead(@Arg('id', () => ID) id: string, @Ctx() ctx: NotificationsContext) {
    return Notification.from(await ctx.services.notifications.markRead(ctx.em, userOf(ctx), id));
  }

  @Authorized(Scope.PROFILE)
  @Mutation(() => Int, { description: 'How many were unread.' })
  markAllNotificationsRead(@Ctx() ctx: NotificationsContext): Promise<number> {
    return ctx.services.notifications.markAllRead(ctx.em, userOf(ctx));
  }

  @Authorized(Scope.PROFILE)
  @Mutation(() => Boolean)
  deleteNotification(@Arg('id', () => ID) id: string, @Ctx() ctx: NotificationsContext) {
    return ctx.services.notifications.delete(ctx.em, userOf(ctx), id);
  }

  @Authorized(Scope.PROFILE)
  @Mutation(() => Notification, { description: 'A TEST notification on one channel.' })
  async sendTestNotification(
    @Arg('channel', () => Channel) channel: Channel,
    @Ctx() ctx: NotificationsContext,
  ): Promise<Notification> {
    return Notification.from(
      await ctx.services.notifications.sendTest(ctx.em, userOf(ctx), channel),
    );
  }

  @FieldResolver(() => [NotificationDelivery], { description: 'Per channel, oldest first.' })
  async deliveries(@Root() n: Notification, @Ctx() ctx: NotificationsContext) {
    const loader = ctx.loader<string, DeliveryRecord[]>('deliveries', async (ids) => {
      const rows = await ctx.services.notifications.deliveriesOf(ctx.em, userOf(ctx), ids);
      return ids.map((id) => rows.filter((r) => r.notificationId === id));
    });
    return (await loader.load(n.id)).map((d) => NotificationDelivery.from(d));
  }
}

@Resolver(() => User)
export class UserResolver {
  @Authorized(Scope.PROFILE)
  @FieldResolver(() => NotificationConnection, { description: 'Your inbox, newest first.' })
  async notifications(
    @Root() user: User,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('unreadOnly', () => Boolean, { defaultValue: false }) unreadOnly: boolean,
    @Ctx() ctx: NotificationsContext,
  ): Promise<ConnectionValue<Notification>> {
    // The reference resolver only yields the caller's own User; this is the second guard.
    const userId = userOf(ctx);
    if (user.id !== userId) throw notFound('User', user.id);
    return mapPage(await ctx.services.notifications.page(ctx.em, userId, { ...page, unreadOnly }));
  }
}
