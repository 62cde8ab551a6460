import type { Clock, Logger, Orm } from '@saldo/kit';
import { Channel, DeliveryStatus } from '../catalog/types';
import {
  deliveryRepository,
  type ClaimedDelivery,
  type DeliveryOutcome,
} from './delivery.repository';
import { errorText, type ChannelSender, type SendResult } from './sender';

export interface DispatcherOptions {
  intervalMs: number;
  batch: number;
  leaseMs: number;
  /** Delay before attempt n+1 (index n); the length is the number of attempts. */
  retrySchedule: readonly number[];
  webhookSchedule: readonly number[];
}

/**
 * The delivery worker: claims due deliveries (a lease, SKIP LOCKED), sends each on its
 * channel, records the outcome and schedules a retry with backoff. Every delivery is on
 * its own: a failing channel or user never holds up another.
 */
export class Dispatcher {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private kicked = false;

  constructor(
    private readonly orm: Orm,
    private readonly clock: Clock,
    private readonly senders: Partial<Record<Channel, ChannelSender>>,
    private readonly options: DispatcherOptions,
    private readonly log: Logger,
  ) {}

  start(): () => Promise<void> {
    this.running = true;
    this.loop = this.run();
    return () => this.stop();
  }

  /** Something was queued: look now rather than at the next tick. */
  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    for (const sender of Object.values(this.senders)) await sender.close?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let claimed = 0;
      try {
        claimed = await this.runOnce();
      } catch (error) {
        this.log.error({ err: error }, 'delivery round failed');
      }
      if (claimed >= this.options.batch || !this.running) continue;
      if (this.kicked) {
        this.kicked = false;
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.intervalMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
      this.kicked = false;
    }
  }

  /** One round: claims up to a batch and sends it; returns how many were claimed. */
  async runOnce(): Promise<number> {
    const em = this.orm.em.fork();
    const now = this.clock.now();
    const due = await deliveryRepository.claim(em, now, this.options.batch, this.options.leaseMs);
    await Promise.all(due.map((d) => this.deliver(d)));
    return due.length;
  }

  private async deliver(d: ClaimedDelivery): Promise<void> {
    const em = this.orm.em.fork();
    const sender = this.senders[d.channel];
    if (d.reclaimed) {
      // Email (Message-ID) and webhooks (webhook-id) carry the delivery id, so receivers can
      // drop a repeat; push and WhatsApp cannot: say so.
      const dedup = d.channel === Channel.EMAIL || d.channel === Channel.WEBHOOK;
      this.log[dedup ? 'info' : 'warn'](
        { deliveryId: d.id, channel: d.channel, attempt: d.attempts },
        dedup
          ? 'retrying a delivery whose last attempt was not recorded (same id: receivers deduplicate)'
          : 'retrying a delivery whose last attempt was not recorded: it may arrive twice',
      );
    }
    let result: SendResult;
    try {
      result = sender
        ? await sender.send(d, em)
        : { ok: false, retry: false, skip: true, error: `no ${d.channel} sender configured` };
    } catch (error) {
      result = { ok: false, retry: true, error: errorText(error) };
    }
    const outcome = this.outcome(d, result);
    try {
      await deliveryRepository.record(em, d.id, outcome);
      if (outcome.status === DeliveryStatus.SENT) await sender?.succeeded?.(d, em);
      if (outcome.status === DeliveryStatus.FAILED) await sender?.failed?.(d, em);
    } catch (error) {
      // The lease runs out and the delivery is tried again (the id lets receivers deduplicate).
      this.log.error({ err: error, deliveryId: d.id }, 'could not record a delivery outcome');
    }
    if (outcome.status === DeliveryStatus.FAILED) {
      this.log.warn(
        { deliveryId: d.id, channel: d.channel, error: outcome.lastError },
        'delivery failed for good',
      );
    }
  }

  private outcome(d: ClaimedDelivery, r: SendResult): DeliveryOutcome {
    const now = this.clock.now();
    const base = { statusCode: r.statusCode ?? null, latencyMs: r.latencyMs ?? null };
    if (r.ok) {
      return {
        ...base,
        status: DeliveryStatus.SENT,
        lastError: null,
        sentAt: now,
        nextAttemptAt: null,
        keepPayload: false,
      };
    }
    if (r.skip) {
      return {
        ...base,
        status: DeliveryStatus.SKIPPED,
        lastError: r.error,
        sentAt: null,
        nextAttemptAt: null,
        keepPayload: false,
      };
    }
    const schedule =
      d.channel === Channel.WEBHOOK ? this.options.webhookSchedule : this.options.retrySchedule;
    if (r.retry && d.attempts < schedule.length) {
      const next = new Date(now.getTime() + schedule[d.attempts]!);
      return {
        ...base,
        status: DeliveryStatus.QUEUED,
        lastError: r.error,
        sentAt: null,
        nextAttemptAt: next,
        keepPayload: true,
      };
    }
    return {
      ...base,
      status: DeliveryStatus.FAILED,
      lastError: r.error,
      sentAt: null,
      nextAttemptAt: null,
      keepPayload: false,
    };
  }
}
