import { query, type Clock, type Logger, type Orm } from '@saldo/kit';

/**
 * Open charges (PENDING, ISSUED, SENT) whose due date has passed in their beneficiary's
 * time zone turn OVERDUE: the day after the due date, local time. Idempotent: a charge
 * already OVERDUE (or paid, cancelled, failed) is not touched.
 */
export class OverdueSweeper {
  constructor(
    private readonly orm: Orm,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** One pass; returns how many charges turned OVERDUE. */
  async runOnce(): Promise<number> {
    const rows = await query<{ id: string }>(
      this.orm.em.fork(),
      `update charges c set status = 'OVERDUE', updated_at = now()
       from billing_profiles p
       where p.user_id = c.user_id and c.status in ('PENDING', 'ISSUED', 'SENT')
         and c.due_date < (?::timestamptz at time zone p.time_zone)::date
       returning c.id`,
      [this.clock.now().toISOString()],
    );
    if (rows.length > 0) this.log.info({ count: rows.length }, 'charges overdue');
    return rows.length;
  }

  /** Runs now and every `ms`, one pass at a time; returns what stops it. */
  start(ms: number): () => Promise<void> {
    let running: Promise<unknown> = Promise.resolve();
    const tick = () => {
      running = this.runOnce().catch((error: unknown) =>
        this.log.error({ err: error }, 'overdue sweep failed'),
      );
    };
    const timer = setInterval(tick, ms);
    tick();
    return async () => {
      clearInterval(timer);
      await running;
    };
  }
}
