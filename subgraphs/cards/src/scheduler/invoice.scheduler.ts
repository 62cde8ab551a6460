import {
  addDays,
  DEFAULT_TIME_ZONE,
  event,
  localDateAt,
  recordEvents,
  toEpochDay,
  type EntityManager,
  type LocalDate,
  type Logger,
  type Orm,
} from '@saldo/kit';
import type { Clock } from '@saldo/kit';
import { query } from '@saldo/kit';
import type { CardRecord } from '../cards/card.model';
import { cardRepository } from '../cards/card.repository';
import { addMonthsToMonth } from '../invoices/invoice-cycle';
import { refreshInvoices } from '../invoices/invoice-refresh';
import { InvoiceStatus } from '../invoices/invoice-state';
import { invoiceEventData, type InvoiceRecord } from '../invoices/invoice.model';
import { invoiceRepository } from '../invoices/invoice.repository';

interface Candidate extends Record<string, unknown> {
  id: string;
  card_id: string;
  time_zone: string | null;
}

type Step = (
  tx: EntityManager,
  card: CardRecord,
  invoice: InvoiceRecord,
  today: LocalDate,
) => Promise<boolean>;

export interface RunResult {
  closed: number;
  overdue: number;
  dueSoon: number;
}

const BATCH = 500;

/**
 * Moves invoices along in each user's time zone: closes them on their closing date,
 * marks them OVERDUE the day after their due date, and sends `cards.invoice.due_soon`
 * once, `dueSoonDays` before the due date. One transaction per invoice under its card's
 * lock (SKIP LOCKED: a busy card waits for the next run), so replicas can run it together.
 */
export class InvoiceScheduler {
  constructor(
    private readonly orm: Orm,
    private readonly clock: Clock,
    private readonly options: { dueSoonDays: number; log: Logger },
  ) {}

  /** Runs every `intervalMs` (the first run right away); returns what stops it. */
  start(intervalMs: number): () => Promise<void> {
    let stopped = false;
    let timer: NodeJS.Timeout | null = null;
    let running: Promise<unknown> = Promise.resolve();
    const tick = () => {
      running = this.runOnce()
        .catch((error: unknown) => this.options.log.error({ err: error }, 'scheduler run failed'))
        .finally(() => {
          if (!stopped) timer = setTimeout(tick, intervalMs);
        });
    };
    timer = setTimeout(tick, 0);
    return async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    };
  }

  async runOnce(now = this.clock.now()): Promise<RunResult> {
    // Candidates by the furthest-ahead zone's date (UTC+14); each is checked in its own zone.
    const horizon = addDays(localDateAt(now, 'UTC'), 1);
    const closed = await this.each(
      `i.status = 'OPEN' and i.closing_date <= ?::date`,
      [horizon],
      now,
      (tx, card, inv, today) => this.close(tx, card, inv, today, now),
    );
    const overdue = await this.each(
      `i.status in ('CLOSED', 'PARTIALLY_PAID') and i.due_date < ?::date`,
      [horizon],
      now,
      (tx, card, inv, today) => this.markOverdue(tx, card, inv, today),
    );
    const dueSoon = await this.each(
      `i.status in ('CLOSED', 'PARTIALLY_PAID') and i.due_soon_sent_at is null and i.due_date <= ?::date`,
      [addDays(horizon, this.options.dueSoonDays)],
      now,
      (tx, card, inv, today) => this.sendDueSoon(tx, card, inv, today, now),
    );
    if (closed + overdue + dueSoon > 0)
      this.options.log.info({ closed, overdue, dueSoon }, 'invoices moved');
    return { closed, overdue, dueSoon };
  }

  private async each(where: string, params: string[], now: Date, step: Step): Promise<number> {
    const candidates = await query<Candidate>(
      this.orm.em.fork(),
      `select i.id, i.card_id, z.time_zone from invoices i
         left join user_time_zones z on z.user_id = i.user_id
        where ${where} order by i.closing_date, i.id limit ${BATCH}`,
      params,
    );
    let done = 0;
    for (const c of candidates) {
      const today = localDateAt(now, c.time_zone ?? DEFAULT_TIME_ZONE);
      const moved = await this.orm.em.fork().transactional(async (tx) => {
        const card = await cardRepository.tryLock(tx, c.card_id);
        if (!card) return false;
        const invoice = await invoiceRepository.byId(tx, card.userId, c.id);
        return invoice ? step(tx, card, invoice, today) : false;
      });
      if (moved) done += 1;
    }
    return done;
  }

  private async close(
    tx: EntityManager,
    card: CardRecord,
    invoice: InvoiceRecord,
    today: LocalDate,
    now: Date,
  ): Promise<boolean> {
    if (invoice.status !== InvoiceStatus.OPEN || invoice.closingDate > today) return false;
    await invoiceRepository.markClosed(tx, invoice.id, now);
    // The next invoice exists from now on: it is the card's current one.
    const next = addMonthsToMonth(invoice.month, 1);
    const ids = await invoiceRepository.ensure(tx, card, [next]);
    const events = await refreshInvoices(tx, card, [invoice.id, ...ids.values()], today);
    const closed = (await invoiceRepository.byId(tx, card.userId, invoice.id))!;
    await recordEvents(tx, [
      event('cards.invoice.closed', card.userId, invoiceEventData(closed)),
      ...events,
    ]);
    return true;
  }

  private async markOverdue(
    tx: EntityManager,
    card: CardRecord,
    invoice: InvoiceRecord,
    today: LocalDate,
  ): Promise<boolean> {
    if (today <= invoice.dueDate) return false;
    const events = await refreshInvoices(tx, card, [invoice.id], today);
    await recordEvents(tx, events);
    return true;
  }

  private async sendDueSoon(
    tx: EntityManager,
    card: CardRecord,
    invoice: InvoiceRecord,
    today: LocalDate,
    now: Date,
  ): Promise<boolean> {
    const daysLeft = toEpochDay(invoice.dueDate) - toEpochDay(today);
    const unpaid =
      invoice.status === InvoiceStatus.CLOSED || invoice.status === InvoiceStatus.PARTIALLY_PAID;
    if (!unpaid || invoice.dueSoonSentAt || daysLeft < 0 || daysLeft > this.options.dueSoonDays) {
      return false;
    }
    await invoiceRepository.markDueSoonSent(tx, invoice.id, now);
    await recordEvents(tx, [
      event('cards.invoice.due_soon', card.userId, { ...invoiceEventData(invoice), daysLeft }),
    ]);
    return true;
  }
}
