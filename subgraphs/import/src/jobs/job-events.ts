import { event, type PendingEvent } from '@saldo/kit';
import { ImportStatus, type JobRecord, type Totals } from './job.model';

/** How far a job is: parsing 0, preview 0, importing by answered chunks, finished 1. */
export function progressOf(job: JobRecord, answeredChunks = 0): number {
  if (job.status === ImportStatus.IMPORTING) {
    return job.chunks === 0 ? 0 : Math.min(1, answeredChunks / job.chunks);
  }
  return job.status === ImportStatus.PARSING || job.status === ImportStatus.PREVIEW ? 0 : 1;
}

/** `import.job.updated`: what the router's importJobUpdated subscription pushes. */
export function jobUpdated(
  job: JobRecord,
  totals: Totals,
  progress = progressOf(job),
): PendingEvent<'import.job.updated'> {
  return event('import.job.updated', job.userId, {
    jobId: job.id,
    status: job.status,
    totals,
    progress,
    updatedAt: new Date().toISOString(),
    filename: job.filename,
    failure: job.status === ImportStatus.FAILED ? (job.errors[0] ?? null) : null,
  });
}
