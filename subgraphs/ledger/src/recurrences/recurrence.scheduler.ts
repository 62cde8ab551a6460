import { addDays, DomainError, type Logger, type Orm } from '@saldo/kit';
import { localDateAt } from '@saldo/kit';
import { query } from '@saldo/kit';
import type { EntryService } from '../entries/entry.service';
import { HORIZON_DAYS } from './materialize';
import { RecurrenceStatus } from './recurrence.model';
import type { RecurrenceService } from './recurrence.service';

export interface RunResult {
  materialized: number;
  posted: number;
  failed: number;
}

interface DueRow extends Record<string, unknown> {
  id: string;
  user_id: string;
  date: string;
  time_zone: string;
}

const utcToday = (now: Date) => now.toISOString().slice(0, 10);

/**
 * Materialises recurrences ahead and posts auto-posted occurrences on their day (in the
 * recurrence's time zone). Each recurrence and each posting is its own transaction, with
 * SKIP LOCKED, so several replicas can run it together; everything it writes is idempotent.
 */
export class RecurrenceScheduler {
  private readonly entries: EntryService;
  private readonly recurrences: RecurrenceService;

  constructor(
    private readonly orm: Orm,
    private readonly log: Logger,
    services: { entries: EntryService; recurrences: RecurrenceService },
  ) {
    this.entries = services.entries;
    this.recurrences = services.recurrences;
  }

  /** Runs every `intervalMs` until the returned function is called. */
  start(intervalMs: number): () => Promise<void> {
    let running: Promise<unknown> = Promise.resolve();
    const timer = setInterval(() => {
      running = running
        .then(() => this.runOnce())
        .catch((error: unknown) => {
          this.log.error({ err: error }, 'recurrence scheduler run failed');
        });
    }, intervalMs);
    timer.unref();
    return async () => {
      clearInterval(timer);
      await running;
    };
  }

  async runOnce(now = new Date()): Promise<RunResult> {
    const result: RunResult = { materialized: 0, posted: 0, failed: 0 };
    // Time zones run up to 14 hours ahead of UTC: one day of slack, refined per recurrence.
    const candidates = await this.recurrences.dueIds(
      this.orm.em.fork(),
      addDays(utcToday(now), HORIZON_DAYS + 1),
      500,
    );
    for (const id of candidates) {
      if (await this.materializeOne(id, now)) result.materialized += 1;
      else result.failed += 1;
    }
    const due = await this.dueOccurrences(now);
    for (const row of due) {
      if (await this.post(row)) result.posted += 1;
      else result.failed += 1;
    }
    return result;
  }

  private async materializeOne(id: string, now: Date): Promise<boolean> {
    try {
      await this.orm.em.fork().transactional((em) => this.recurrences.materializeDue(em, id, now));
      return true;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // The template no longer holds (e.g. its account was archived): pause with the reason.
      this.log.warn({ recurrenceId: id, err: error }, 'recurrence paused');
      await query(
        this.orm.em.fork(),
        `update recurrences set status = ?, last_error = ? where id = ?::uuid`,
        [RecurrenceStatus.PAUSED, error.message, id],
      );
      return false;
    }
  }

  private async dueOccurrences(now: Date): Promise<DueRow[]> {
    const rows = await query<DueRow>(
      this.orm.em.fork(),
      `select e.id, e.user_id, e.date::text as date, r.time_zone
         from entries e join recurrences r on r.id = e.recurrence_id
        where e.status = 'PENDING' and e.deleted_at is null and e.recurrence_id is not null
          and e.date <= ?::date and r.auto_post
        order by e.date, e.id limit 1000`,
      [addDays(utcToday(now), 1)],
    );
    return rows.filter((r) => r.date <= localDateAt(now, r.time_zone));
  }

  private async post(row: DueRow): Promise<boolean> {
    try {
      await this.entries.markPosted(this.orm.em.fork(), row.user_id, row.id, row.date);
      return true;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // Stays pending (e.g. insufficient funds); the next run tries again.
      this.log.warn({ entryId: row.id, err: error }, 'could not post a recurring entry');
      return false;
    }
  }
}
