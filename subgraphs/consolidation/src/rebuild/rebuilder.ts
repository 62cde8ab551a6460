import { Client } from 'pg';
import { isUuid, newId, type EntityManager, conflict } from '@saldo/kit';
import { dropGeneration, prepareGeneration } from './generation-ddl';
import { RebuildJob, type JobContext } from './rebuild-job';
import {
  findRebuild,
  insertRebuild,
  recentRebuilds,
  updateRebuild,
  type RebuildRecord,
} from './rebuild.repository';

export interface RebuilderOptions extends JobContext {
  databaseUrl: string;
}

/**
 * Rebuilds the projection from the start of the LEDGER stream while the live one keeps
 * serving. One at a time across replicas and the CLI: a session advisory lock, held on
 * a connection of its own for as long as the rebuild runs.
 */
export class Rebuilder {
  private running: { job: RebuildJob; done: Promise<RebuildRecord> } | null = null;

  constructor(private readonly options: RebuilderOptions) {}

  /** Starts a rebuild and returns at once with it RUNNING (the admin mutation). */
  async start(requestedBy: string): Promise<RebuildRecord> {
    const { job, done } = await this.launch(requestedBy);
    done.catch(() => undefined); // the outcome is in the rebuilds table
    return job.record;
  }

  /** Runs a rebuild to its end (the CLI). */
  async run(requestedBy: string): Promise<RebuildRecord> {
    return (await this.launch(requestedBy)).done;
  }

  /** Cancels a rebuild this process runs (on shutdown); the live projection is untouched. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running.job.cancel();
    await this.running.done.catch(() => undefined);
  }

  async find(em: EntityManager, id: string): Promise<RebuildRecord | null> {
    return isUuid(id) ? findRebuild(em, id) : null;
  }

  async recent(em: EntityManager, limit = 20): Promise<RebuildRecord[]> {
    return recentRebuilds(em, limit);
  }

  private async launch(requestedBy: string) {
    const lock = new Client({ connectionString: this.options.databaseUrl });
    await lock.connect();
    try {
      const { rows } = await lock.query<{ ok: boolean }>(
        'select pg_try_advisory_lock(4003, 2) as ok',
      );
      if (!rows[0]?.ok) throw conflict('A rebuild is already running');
      const job = await this.prepare(requestedBy);
      const done = this.execute(job).finally(() => {
        this.running = null;
        return lock.end();
      });
      this.running = { job, done };
      return { job, done };
    } catch (error) {
      await lock.end();
      throw error;
    }
  }

  private async prepare(requestedBy: string): Promise<RebuildJob> {
    const { orm, clock } = this.options;
    const generation = await orm.em.fork().transactional((em) => prepareGeneration(em));
    const record = await insertRebuild(orm.em.fork(), {
      id: newId(),
      generation,
      requestedBy,
      now: clock.now(),
    });
    this.options.log.info({ rebuild: record.id, generation }, 'projection rebuild started');
    return new RebuildJob(this.options, record);
  }

  private async execute(job: RebuildJob): Promise<RebuildRecord> {
    const { orm, log, clock } = this.options;
    try {
      await job.run();
      log.info({ rebuild: job.record.id, ...job.counts }, 'projection rebuilt and switched');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.error({ err: error, rebuild: job.record.id }, 'projection rebuild failed');
      const em = orm.em.fork();
      await updateRebuild(em, job.record.id, {
        ...job.counts,
        status: 'FAILED',
        error: message.slice(0, 1000),
        finishedAt: clock.now(),
      });
      await dropGeneration(em, job.record.generation);
    }
    return (await findRebuild(orm.em.fork(), job.record.id))!;
  }
}
