import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Public, Scope, userOf } from '@saldo/kit';
import { AuthPayload } from '../sessions/auth-payload.type';
import type { IdentityContext } from '../services';
import { ChangePasswordArgs, RegisterInput, UpdateProfileInput, User } from './user.types';

const asker = (ctx: IdentityContext) => ({
  userId: userOf(ctx),
  clientIp: ctx.clientIp,
});

@Resolver(() => User)
export class UserResolver {
  @Public()
  @Mutation(() => AuthPayload, {
    description: 'Creates an account and signs it in. A taken email is CONFLICT.',
  })
  async register(
    @Arg('input', () => RegisterInput) input: RegisterInput,
    @Ctx() ctx: IdentityContext,
  ): Promise<AuthPayload> {
    return AuthPayload.from(await ctx.services.users.register(ctx.em, input));
  }

  @Authorized(Scope.PROFILE)
  @Query(() => User, { description: 'The signed-in user.' })
  async me(@Ctx() ctx: IdentityContext): Promise<User> {
    return User.from(await ctx.services.users.get(ctx.em, userOf(ctx)));
  }

  @Authorized(Scope.PROFILE)
  @Mutation(() => User)
  async updateProfile(
    @Arg('input', () => UpdateProfileInput) input: UpdateProfileInput,
    @Ctx() ctx: IdentityContext,
  ): Promise<User> {
    const user = await ctx.services.users.updateProfile(ctx.em, userOf(ctx), input);
    return User.from(user);
  }

  @Authorized(Scope.PROFILE)
  @Mutation(() => AuthPayload, {
    description: 'Sets a new password, signs out every session and returns a fresh one.',
  })
  async changePassword(
    @Args(() => ChangePasswordArgs) args: ChangePasswordArgs,
    @Ctx() ctx: IdentityContext,
  ): Promise<AuthPayload> {
    const passwords = { current: args.currentPassword, next: args.newPassword };
    const session = await ctx.services.users.changePassword(ctx.em, asker(ctx), passwords);
    return AuthPayload.from(session);
  }

  @Authorized(Scope.PROFILE)
  @Mutation(() => Boolean, {
    description:
      'Erases the account; every subgraph erases its data for it (identity.user.deleted).',
  })
  async deleteAccount(
    @Arg('password', () => String) password: string,
    @Ctx() ctx: IdentityContext,
  ): Promise<boolean> {
    await ctx.services.users.deleteAccount(ctx.em, asker(ctx), password);
    return true;
  }
}
