import type { Clock, Logger, Orm } from '@saldo/kit';
import { fileRepository } from './file.repository';

/** Removes files past their 30 days (a job keeps its rows; its file_id turns null). */
export class FileSweeper {
  constructor(
    private readonly orm: Orm,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  async runOnce(now = this.clock.now()): Promise<number> {
    const removed = await fileRepository.removeExpired(this.orm.em.fork(), now);
    if (removed > 0) this.log.info({ removed }, 'expired files removed');
    return removed;
  }

  start(intervalMs: number): () => Promise<void> {
    let running: Promise<unknown> = Promise.resolve();
    const timer = setInterval(() => {
      running = this.runOnce().catch((err: unknown) =>
        this.log.error({ err }, 'file sweep failed'),
      );
    }, intervalMs);
    timer.unref();
    return async () => {
      clearInterval(timer);
      await running;
    };
  }
}
