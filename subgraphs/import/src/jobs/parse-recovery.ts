import type { Logger, Orm } from '@saldo/kit';
import type { JobService } from './job.service';
import { parseLeaseRepository } from './parse-lease.repository';

/**
 * Resumes parsing that a dead process left behind: on start and then periodically, every
 * PARSING job whose lease expired is claimed (next attempt) and parsed again; after too many
 * attempts the job turns FAILED with the reason. Several replicas may run it side by side.
 */
export class ParseRecovery {
  constructor(
    private readonly orm: Orm,
    private readonly jobs: JobService,
    private readonly leaseMs: number,
    private readonly log: Logger,
  ) {}

  /** Parses every expired job once; the number of jobs taken over. */
  async runOnce(): Promise<number> {
    let resumed = 0;
    for (;;) {
      const em = this.orm.em.fork();
      const claim = await parseLeaseRepository.claimExpired(em, this.leaseMs);
      if (!claim) return resumed;
      resumed += 1;
      this.log.warn(
        { jobId: claim.jobId, attempt: claim.attempt },
        'parsing an import job again: its previous attempt did not finish',
      );
      const job = await this.jobs.parseClaimed(em, claim, this.log);
      this.log.info({ jobId: claim.jobId, status: job?.status }, 'interrupted import job parsed');
    }
  }

  /** Runs now, then every `intervalMs`; the stopper waits for a run under way. */
  start(intervalMs: number): () => Promise<void> {
    let stopped = false;
    let running: Promise<unknown> = Promise.resolve();
    const run = () => {
      if (stopped) return;
      running = running
        .then(() => this.runOnce())
        .catch((err: unknown) => this.log.error({ err }, 'parse recovery failed'));
    };
    run();
    const timer = setInterval(run, intervalMs);
    timer.unref();
    return async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    };
  }
}
