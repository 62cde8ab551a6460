import { Arg, Args, Ctx, Mutation, Resolver } from 'type-graphql';
import { Public } from '@saldo/kit';
import type { IdentityContext } from '../services';
import { ResetPasswordArgs } from './password-reset.args';

@Resolver()
export class PasswordResetResolver {
  @Public()
  @Mutation(() => Boolean, {
    description:
      'Emails a single-use reset link when the account exists. Always answers true, so it reveals nothing.',
  })
  async requestPasswordReset(
    @Arg('email', () => String) email: string,
    @Ctx() ctx: IdentityContext,
  ): Promise<boolean> {
    await ctx.services.resets.request(ctx.em, email);
    return true;
  }

  @Public()
  @Mutation(() => Boolean, {
    description: 'Sets a new password with the emailed token and signs out every session.',
  })
  async resetPassword(
    @Args(() => ResetPasswordArgs) args: ResetPasswordArgs,
    @Ctx() ctx: IdentityContext,
  ): Promise<boolean> {
    await ctx.services.resets.reset(ctx.em, args.token, args.newPassword);
    return true;
  }
}
