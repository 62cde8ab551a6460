import { notFound, PageArgs, Scope, userOf, type ConnectionValue } from '@saldo/kit';
import { Args, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { User } from '../common/stubs';
import { ImportJob, ImportJobConnection } from '../jobs/job.types';
import type { ImportContext } from '../services';

@Resolver(() => User)
export class UserResolver {
  @Authorized(Scope.IMPORT_READ)
  @FieldResolver(() => ImportJobConnection, { description: 'Your import jobs, newest first.' })
  async importJobs(
    @Root() user: User,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: ImportContext,
  ): Promise<ConnectionValue<ImportJob>> {
    const userId = userOf(ctx);
    if (user.id !== userId) throw notFound('User', user.id);
    const result = await ctx.services.jobs.page(ctx.em, userId, page);
    return {
      edges: result.edges.map((e) => ({ cursor: e.cursor, node: ImportJob.from(e.node.record) })),
      pageInfo: result.pageInfo,
    };
  }
}
