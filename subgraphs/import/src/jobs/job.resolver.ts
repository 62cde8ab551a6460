import { PageArgs, Scope, userOf, type ConnectionValue } from '@saldo/kit';
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
import { AccountRef, CardRef, EntryRef } from '../common/stubs';
import type { ImportContext } from '../services';
import { ImportRowChangeInput, ImportRowFilter, StartImportInput } from './job.inputs';
import { jobLoader, totalsLoader } from './job.loader';
import {
  ImportJob,
  ImportJobConnection,
  ImportJobUpdate,
  ImportRow,
  ImportRowConnection,
  ImportTotals,
} from './job.types';

@Resolver(() => ImportJob)
export class ImportJobResolver {
  @Authorized(Scope.IMPORT_READ)
  @Query(() => ImportJob, { description: 'One of your import jobs; NOT_FOUND otherwise.' })
  async importJob(@Arg('id', () => ID) id: string, @Ctx() ctx: ImportContext): Promise<ImportJob> {
    return ImportJob.from(await ctx.services.jobs.get(ctx.em, userOf(ctx), id));
  }

  @Authorized(Scope.IMPORT_READ)
  @Query(() => ImportJobConnection, { description: 'Your import jobs, newest first.' })
  async importJobs(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: ImportContext,
  ): Promise<ConnectionValue<ImportJob>> {
    const result = await ctx.services.jobs.page(ctx.em, userOf(ctx), page);
    return {
      edges: result.edges.map((e) => ({ cursor: e.cursor, node: ImportJob.from(e.node.record) })),
      pageInfo: result.pageInfo,
    };
  }

  @Authorized(Scope.IMPORT_WRITE)
  @Mutation(() => ImportJob, {
    description: 'Parses an uploaded file into a PREVIEW (or FAILED with the reason).',
  })
  async startImport(
    @Arg('input', () => StartImportInput) input: StartImportInput,
    @Ctx() ctx: ImportContext,
  ): Promise<ImportJob> {
    return ImportJob.from(await ctx.services.jobs.start(ctx.em, userOf(ctx), input, ctx.log));
  }

  @Authorized(Scope.IMPORT_WRITE)
  @Mutation(() => ImportJob, { description: 'Include/exclude rows, set category or description.' })
  async updateImportRows(
    @Arg('jobId', () => ID) jobId: string,
    @Arg('changes', () => [ImportRowChangeInput]) changes: ImportRowChangeInput[],
    @Ctx() ctx: ImportContext,
  ): Promise<ImportJob> {
    return ImportJob.from(await ctx.services.jobs.updateRows(ctx.em, userOf(ctx), jobId, changes));
  }

  @Authorized(Scope.IMPORT_WRITE)
  @Mutation(() => ImportJob, {
    description: 'Sends the included rows to the ledger; the job turns COMPLETED. Idempotent.',
  })
  async confirmImport(
    @Arg('jobId', () => ID) jobId: string,
    @Ctx() ctx: ImportContext,
  ): Promise<ImportJob> {
    return ImportJob.from(await ctx.services.confirm.confirm(ctx.em, userOf(ctx), jobId));
  }

  @Authorized(Scope.IMPORT_WRITE)
  @Mutation(() => ImportJob, { description: 'Drops a job not confirmed yet, and its file.' })
  async cancelImport(
    @Arg('jobId', () => ID) jobId: string,
    @Ctx() ctx: ImportContext,
  ): Promise<ImportJob> {
    return ImportJob.from(await ctx.services.jobs.cancel(ctx.em, userOf(ctx), jobId));
  }

  @FieldResolver(() => ImportTotals)
  async totals(@Root() job: ImportJob, @Ctx() ctx: ImportContext): Promise<ImportTotals> {
    return ImportTotals.of(await totalsLoader(ctx).load(job.record));
  }

  @FieldResolver(() => AccountRef, { nullable: true })
  account(@Root() job: ImportJob): AccountRef | null {
    return AccountRef.of(job.record.accountId);
  }

  @FieldResolver(() => CardRef, { nullable: true })
  card(@Root() job: ImportJob): CardRef | null {
    return CardRef.of(job.record.cardId);
  }

  @FieldResolver(() => ImportRowConnection, { description: 'In file order.' })
  async rows(
    @Root() job: ImportJob,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => ImportRowFilter, { nullable: true }) filter: ImportRowFilter | null,
    @Ctx() ctx: ImportContext,
  ): Promise<ConnectionValue<ImportRow>> {
    const result = await ctx.services.jobs.rows(ctx.em, job.record, filter ?? {}, page);
    return {
      edges: result.edges.map((e) => ({
        cursor: e.cursor,
        node: ImportRow.from(e.node, job.record.cardId !== null),
      })),
      pageInfo: result.pageInfo,
    };
  }
}

@Resolver(() => ImportRow)
export class ImportRowResolver {
  @FieldResolver(() => EntryRef, {
    nullable: true,
    description: 'The entry already in the account this row duplicates.',
  })
  duplicateOf(@Root() row: ImportRow): EntryRef | null {
    return EntryRef.of(row.record.duplicateOf);
  }
}

@Resolver(() => ImportJobUpdate)
export class ImportJobUpdateResolver {
  @FieldResolver(() => ImportJob, { nullable: true })
  async job(@Root() update: ImportJobUpdate, @Ctx() ctx: ImportContext): Promise<ImportJob | null> {
    const job = await jobLoader(ctx).load(update.jobId);
    return job ? ImportJob.from(job) : null;
  }
}
