import {
  byKeys,
  callerOnlyUserReference,
  requireScope,
  Scope,
  type ReferenceResolver,
} from '@saldo/kit';
import { User } from './common/stubs';
import { ImportJob } from './jobs/job.types';
import type { ImportContext } from './services';

/** Batched per request by the kit; another user's id resolves to null. */
export const references: Record<string, ReferenceResolver<ImportContext>> = {
  ImportJob: async (ids, ctx) => {
    const userId = requireScope(ctx.caller, Scope.IMPORT_READ);
    const rows = await ctx.services.jobs.byIds(ctx.em, userId, ids);
    return byKeys(
      ids,
      rows.map((r) => ImportJob.from(r)),
      (j) => j.id,
    );
  },
  User: callerOnlyUserReference(Scope.IMPORT_READ, (id) => User.of(id)),
};
