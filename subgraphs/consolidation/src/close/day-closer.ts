import {
  event,
  isValidTimeZone,
  localDateAt,
  toMoney,
  type EntityManager,
  type LocalDate,
  type Logger,
  type Orm,
  recordEvents,
  query,
  invalidState,
} from '@saldo/kit';
import type { Clock } from '@saldo/kit';
import { activeSchema } from '../projection/generation';
import { closableThrough, type CloseRule } from './close-schedule';
import { closeLocked, lockUserDay, lockZoneDays, type ClosedDay } from './close.sql';

export interface CloserOptions {
  orm: Orm;
  clock: Clock;
  rule: CloseRule;
  defaultTimeZone: string;
  /** Events of the source streams not yet applied (the kit consumer's lag). */
  lag: () => Promise<number>;
  log: Logger;
}

export interface TickResult {
  closed: number;
  skipped?: 'catching up';
}

/**
 * The daily close. A day closes once the projection has caught up with the stream:
 * on schedule per time zone (`tick`) or on demand for one user (`closeDay`). Either
 * way the close snapshots the day's totals, records history and publishes
 * `consolidation.day.closed`; an already closed day is left as it is.
 */
export class DayCloser {
  constructor(private readonly options: CloserOptions) {}

  /** One scheduler pass over every time zone the users live in. */
  async tick(): Promise<TickResult> {
    if (!(await this.caughtUp())) return { closed: 0, skipped: 'catching up' };
    const { orm, clock, rule } = this.options;
    const now = clock.now();
    const reopenedBefore = new Date(now.getTime() - rule.settleMinutes * 60_000);
    const zones = await query<{ time_zone: string }>(
      orm.em.fork(),
      'select distinct time_zone from users order by 1',
    );
    let closed = 0;
    for (const { time_zone: zone } of zones) {
      const valid = isValidTimeZone(zone) ? zone : this.options.defaultTimeZone;
      const through = closableThrough(now, valid, rule);
      const days = await orm.em.fork().transactional(async (em) => {
        const locked = await lockZoneDays(em, zone, through, reopenedBefore);
        return this.close(em, locked, now);
      });
      closed += days.length;
    }
    if (closed > 0) this.options.log.info({ closed }, 'days closed');
    return { closed };
  }

  /** `consolidate(date)`: closes (or closes again) one ended day of one user. */
  async closeDay(em: EntityManager, userId: string, timeZone: string, day: LocalDate) {
    const now = this.options.clock.now();
    if (day >= localDateAt(now, timeZone)) {
      throw invalidState('A day can be closed once it has ended', {
        field: 'date',
      });
    }
    if (!(await this.caughtUp())) {
      throw invalidState('The projection is catching up with the ledger; try again shortly');
    }
    await em.fork().transactional(async (tx) => {
      await this.close(tx, await lockUserDay(tx, userId, day), now);
    });
  }

  private async close(em: EntityManager, days: Parameters<typeof closeLocked>[2], now: Date) {
    const closed = await closeLocked(em, await activeSchema(em), days, now);
    await recordEvents(
      em,
      closed.map((d) => closedEvent(d, now)),
    );
    return closed;
  }

  private async caughtUp(): Promise<boolean> {
    try {
      return (await this.options.lag()) === 0;
    } catch (error) {
      this.options.log.warn({ err: error }, 'consumer lag unknown; not closing');
      return false;
    }
  }
}

function closedEvent(d: ClosedDay, now: Date) {
  return event('consolidation.day.closed', d.userId, {
    userId: d.userId,
    date: d.day,
    closedAt: now.toISOString(),
    closeCount: d.closeCount,
    entryCount: d.entryCount,
    totals: d.totals.map((t) => ({
      currency: t.currency,
      credits: toMoney(BigInt(t.credits), t.currency),
      debits: toMoney(BigInt(t.debits), t.currency),
      entryCount: t.entryCount,
    })),
  });
}
