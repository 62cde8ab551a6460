import {
  addDays,
  localDateAt,
  query,
  toEpochDay,
  toMoney,
  type Clock,
  type Logger,
  type Orm,
} from '@saldo/kit';
import { NotificationType } from '../catalog/types';
import type { Notifier } from '../notifications/notifier';

const NOTICE_DAYS = 3;

/**
 * Bills (PENDING ledger expenses with a due date): BILL_DUE_SOON once 3 days before (or
 * as soon as it is known when less is left) and once on the day, in the user's time zone.
 * The inbox's dedup key makes a second run, or a second replica, a no-op.
 */
export class BillScheduler {
  constructor(
    private readonly orm: Orm,
    private readonly clock: Clock,
    private readonly notifier: Notifier,
    private readonly kick: () => void,
    private readonly log: Logger,
  ) {}

  start(intervalMs: number): () => Promise<void> {
    let running: Promise<unknown> = Promise.resolve();
    const tick = () => {
      running = this.runOnce().catch((error: unknown) =>
        this.log.error({ err: error }, 'bill scan failed'),
      );
    };
    const timer = setInterval(tick, intervalMs);
    tick();
    return async () => {
      clearInterval(timer);
      await running;
    };
  }

  async runOnce(now = this.clock.now()): Promise<number> {
    const em = this.orm.em.fork();
    // A day of slack each side for time zones; the exact day is checked per user below.
    const utcToday = localDateAt(now, 'UTC');
    const rows = await query<{
      entry_id: string;
      user_id: string;
      description: string;
      amount: string;
      currency: string;
      due_date: string;
      time_zone: string | null;
    }>(
      em,
      `select b.entry_id, b.user_id, b.description, b.amount::text, b.currency, b.due_date::text,
         p.time_zone
       from bills b left join user_profiles p on p.user_id = b.user_id
       where b.due_date between ?::date and ?::date`,
      [addDays(utcToday, -1), addDays(utcToday, NOTICE_DAYS + 1)],
    );
    let sent = 0;
    for (const bill of rows) {
      const today = localDateAt(now, bill.time_zone ?? 'America/Sao_Paulo');
      const days = toEpochDay(bill.due_date) - toEpochDay(today);
      if (days < 0 || days > NOTICE_DAYS) continue;
      const notice = days === 0 ? 'day' : 'soon';
      const result = await em.fork().transactional((tx) =>
        this.notifier.notify(tx, {
          userId: bill.user_id,
          type: NotificationType.BILL_DUE_SOON,
          dedupKey: `bill:${bill.entry_id}:${bill.due_date}:${notice}`,
          facts: {
            label: bill.description,
            amount: toMoney(BigInt(bill.amount), bill.currency),
            date: bill.due_date,
            days,
          },
          data: {
            entryId: bill.entry_id,
            dueDate: bill.due_date,
            amount: toMoney(BigInt(bill.amount), bill.currency),
          },
        }),
      );
      if (result.notification) sent += 1;
    }
    if (sent > 0) this.kick();
    return sent;
  }
}
