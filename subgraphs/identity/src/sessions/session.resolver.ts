import { Arg, Args, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Public, userOf } from '@saldo/kit';
import type { IdentityContext } from '../services';
import { AuthPayload } from './auth-payload.type';
import { SignInArgs } from './session.args';

@Resolver()
export class SessionResolver {
  @Public()
  @Mutation(() => AuthPayload, {
    description:
      'Wrong password and unknown email get the same UNAUTHENTICATED answer. Repeated failures are RATE_LIMITED (extensions.retryAfterSeconds).',
  })
  async signIn(
    @Args(() => SignInArgs) args: SignInArgs,
    @Ctx() ctx: IdentityContext,
  ): Promise<AuthPayload> {
    const attempt = { email: args.email, password: args.password, clientIp: ctx.clientIp };
    return AuthPayload.from(await ctx.services.signIn.signIn(ctx.em, attempt));
  }

  @Public()
  @Mutation(() => AuthPayload, {
    description:
      'Trades a refresh token for a new pair. Reusing a traded token revokes the whole session.',
  })
  async refreshSession(
    @Arg('refreshToken', () => String) refreshToken: string,
    @Ctx() ctx: IdentityContext,
  ): Promise<AuthPayload> {
    return AuthPayload.from(await ctx.services.sessions.refresh(ctx.em, refreshToken));
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Ends the session the refresh token belongs to.' })
  async signOut(
    @Arg('refreshToken', () => String) refreshToken: string,
    @Ctx() ctx: IdentityContext,
  ): Promise<boolean> {
    await ctx.services.sessions.signOut(ctx.em, userOf(ctx), refreshToken);
    return true;
  }
}
