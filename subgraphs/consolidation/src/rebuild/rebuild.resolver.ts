import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Scope, userOf } from '@saldo/kit';
import type { ConsolidationContext } from '../services';
import { ProjectionRebuild } from './rebuild.types';

@Resolver(() => ProjectionRebuild)
export class RebuildResolver {
  @Authorized(Scope.ADMIN)
  @Mutation(() => ProjectionRebuild, {
    description:
      'Operators: rebuilds the projection from the start of the LEDGER stream into fresh tables and switches over atomically; reads keep being served meanwhile. Returns at once (RUNNING). CONFLICT while another rebuild runs.',
  })
  async rebuildProjection(@Ctx() ctx: ConsolidationContext): Promise<ProjectionRebuild> {
    const operator = userOf(ctx);
    return ProjectionRebuild.from(await ctx.services.rebuilder.start(`user:${operator}`));
  }

  @Authorized(Scope.ADMIN)
  @Query(() => ProjectionRebuild, { nullable: true, description: 'Operators: one rebuild.' })
  async projectionRebuild(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: ConsolidationContext,
  ): Promise<ProjectionRebuild | null> {
    const record = await ctx.services.rebuilder.find(ctx.em, id);
    return record ? ProjectionRebuild.from(record) : null;
  }

  @Authorized(Scope.ADMIN)
  @Query(() => [ProjectionRebuild], {
    description: 'Operators: the latest rebuilds, newest first.',
  })
  async projectionRebuilds(@Ctx() ctx: ConsolidationContext): Promise<ProjectionRebuild[]> {
    return (await ctx.services.rebuilder.recent(ctx.em)).map((r) => ProjectionRebuild.from(r));
  }
}
