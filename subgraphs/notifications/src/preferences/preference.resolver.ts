import { Scope, userOf } from '@saldo/kit';
import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { NotificationsContext } from '../services';
import { NotificationPreferences, UpdateNotificationPreferencesInput } from './preference.types';

@Resolver(() => NotificationPreferences)
export class PreferenceResolver {
  @Authorized(Scope.PROFILE)
  @Query(() => NotificationPreferences)
  async notificationPreferences(@Ctx() ctx: NotificationsContext) {
    return NotificationPreferences.from(await ctx.services.preferences.get(ctx.em, userOf(ctx)));
  }

  @Authorized(Scope.PROFILE)
  @Mutation(() => NotificationPreferences)
  async updateNotificationPreferences(
    @Arg('input', () => UpdateNotificationPreferencesInput)
    input: UpdateNotificationPreferencesInput,
    @Ctx() ctx: NotificationsContext,
  ) {
    return NotificationPreferences.from(
      await ctx.services.preferences.update(ctx.em, userOf(ctx), input),
    );
  }
}
