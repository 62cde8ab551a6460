import { byKeys, userOf } from '@saldo/kit';
import type { ImportContext } from '../services';
import type { JobRecord, Totals } from './job.model';

/** Totals of many jobs in one statement (a list of jobs costs one query, not one per job). */
export const totalsLoader = (ctx: ImportContext) =>
  ctx.loader<JobRecord, Totals>('totals', async (jobs) => {
    const totals = await ctx.services.jobs.totals(ctx.em, jobs);
    return jobs.map((j) => totals.get(j.id)!);
  });

export const jobLoader = (ctx: ImportContext) =>
  ctx.loader<string, JobRecord | null>('jobs', async (ids) =>
    byKeys(ids, await ctx.services.jobs.byIds(ctx.em, userOf(ctx), ids), (j) => j.id),
  );
