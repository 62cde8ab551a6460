import { byKeys, PageArgs, Scope, userOf, type ConnectionValue } from '@saldo/kit';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { BillingContext } from '../services';
import { progressOf, type BatchRecord } from './batch.repository';
import {
  ChargeBatch,
  ChargeBatchConnection,
  ChargeBatchError,
  ChargeBatchErrorConnection,
  ChargeBatchUpdate,
} from './batch.types';

const toBatch = (b: BatchRecord) => ChargeBatch.from(b, progressOf(b));

/** The caller's batches by id, batched per request (another user's id gives null). */
export function batchLoader(ctx: BillingContext) {
  const userId = userOf(ctx);
  return ctx.loader<string, BatchRecord | null>('chargeBatchesById', async (ids) =>
    byKeys(ids, await ctx.services.batches.byIds(ctx.em, userId, ids), (b) => b.id),
  );
}

@Resolver(() => ChargeBatch)
export class ChargeBatchResolver {
  @Authorized(Scope.BILLING_READ)
  @Query(() => ChargeBatch, { description: 'One of your charge batches; NOT_FOUND otherwise.' })
  async chargeBatch(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: BillingContext,
  ): Promise<ChargeBatch> {
    return toBatch(await ctx.services.batches.get(ctx.em, userOf(ctx), id));
  }

  @Authorized(Scope.BILLING_READ)
  @Query(() => ChargeBatchConnection, { description: 'Your charge batches, newest first.' })
  async chargeBatches(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: BillingContext,
  ): Promise<ConnectionValue<ChargeBatch>> {
    const result = await ctx.services.batches.page(ctx.em, userOf(ctx), page);
    return {
      edges: result.edges.map((e) => ({ cursor: e.cursor, node: toBatch(e.node) })),
      pageInfo: result.pageInfo,
    };
  }

  @Authorized(Scope.BILLING_WRITE)
  @Mutation(() => ChargeBatch, {
    description:
      'Imports an uploaded charge file (POST /uploads?purpose=billing): a batch RECEIVED, ' +
      'then processed in chunks; follow it with chargeBatchUpdated.',
  })
  async importCharges(
    @Arg('fileId', () => ID) fileId: string,
    @Ctx() ctx: BillingContext,
  ): Promise<ChargeBatch> {
    return toBatch(await ctx.services.batches.importCharges(ctx.em, userOf(ctx), fileId));
  }

  @FieldResolver(() => ChargeBatchErrorConnection, {
    description: 'The rows that could not be charged, by line.',
  })
  async errors(
    @Root() batch: ChargeBatch,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: BillingContext,
  ): Promise<ConnectionValue<ChargeBatchError>> {
    const result = await ctx.services.batches.errors(ctx.em, batch.record, page);
    return {
      edges: result.edges.map((e) => ({ cursor: e.cursor, node: ChargeBatchError.from(e.node) })),
      pageInfo: result.pageInfo,
    };
  }
}

@Resolver(() => ChargeBatchUpdate)
export class ChargeBatchUpdateResolver {
  @FieldResolver(() => ChargeBatch, { nullable: true, description: 'The batch as it is now.' })
  async batch(
    @Root() update: ChargeBatchUpdate,
    @Ctx() ctx: BillingContext,
  ): Promise<ChargeBatch | null> {
    const b = await batchLoader(ctx).load(update.batchId);
    return b ? toBatch(b) : null;
  }
}
