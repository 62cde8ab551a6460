import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { paginate, Scope, type ConnectionValue, userOf } from '@saldo/kit';
import type { IdentityContext } from '../services';
import {
  ApiKey,
  ApiKeyConnection,
  ApiKeysArgs,
  CreateApiKeyArgs,
  CreatedApiKey,
} from './api-key.types';

// Managing keys needs `profile`, which keys never carry: a key cannot mint or revoke keys.
@Resolver()
export class ApiKeyResolver {
  @Authorized(Scope.PROFILE)
  @Mutation(() => CreatedApiKey, { description: 'The secret is returned only here.' })
  async createApiKey(
    @Args(() => CreateApiKeyArgs) args: CreateApiKeyArgs,
    @Ctx() ctx: IdentityContext,
  ): Promise<CreatedApiKey> {
    const created = await ctx.services.apiKeys.create(ctx.em, userOf(ctx), args);
    return Object.assign(new CreatedApiKey(), {
      apiKey: ApiKey.from(created.key),
      secret: created.secret,
    });
  }

  @Authorized(Scope.PROFILE)
  @Query(() => ApiKeyConnection, { description: "The caller's keys, newest first." })
  async apiKeys(
    @Args(() => ApiKeysArgs) args: ApiKeysArgs,
    @Ctx() ctx: IdentityContext,
  ): Promise<ConnectionValue<ApiKey>> {
    const userId = userOf(ctx);
    return paginate(
      args,
      'apiKeys:id:desc',
      (k: ApiKey) => [k.id],
      async (page) => {
        const rows = await ctx.services.apiKeys.list(ctx.em, userId, {
          ...page,
          includeRevoked: args.includeRevoked,
        });
        return rows.map((row) => ApiKey.from(row));
      },
    );
  }

  @Authorized(Scope.PROFILE)
  @Mutation(() => ApiKey, { description: 'Stops the key working at once. Idempotent.' })
  async revokeApiKey(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: IdentityContext,
  ): Promise<ApiKey> {
    return ApiKey.from(await ctx.services.apiKeys.revoke(ctx.em, userOf(ctx), id));
  }
}
