import type { Clock, Logger, Orm } from '@saldo/kit';
import { Channel, DeliveryStatus } from '../catalog/types';
import {
  deliveryRepository,
  type ClaimedDelivery,
  type DeliveryOutcome,
} from './delivery.repository';
import { errorText, type ChannelSender, type SendResult } from './sender';

// Rounds being sent at once.
const MAX_ROUNDS = 4;

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
    // Rounds overlap (each claims its own rows under a lease): a slow target in one round
    // never holds up the deliveries claimed after it.
    const inFlight = new Set<Promise<void>>();
    while (this.running) {
      while (inFlight.size >= MAX_ROUNDS) await Promise.race(inFlight);
      let claimed = 0;
      try {
        const due = await this.claim();
        claimed = due.length;
        if (claimed > 0) {
          const round = this.finish(due).catch((error: unknown) =>
            this.log.error({ err: error }, 'delivery round failed'),
          );
          inFlight.add(round);
          void round.finally(() => inFlight.delete(round));
        }
      } catch (error) {
        this.log.error({ err: error }, 'could not claim deliveries');
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
    await Promise.all(inFlight);
  }

  /** One round, awaited (tests): claims up to a batch and sends it; returns how many. */
  async runOnce(): Promise<number> {
    const due = await this.claim();
    await this.finish(due);
    return due.length;
  }

  private claim(): Promise<ClaimedDelivery[]> {
    const now = this.clock.now();
    const { batch, leaseMs } = this.options;
    return deliveryRepository.claim(this.orm.em.fork(), now, batch, leaseMs);
  }

  /** Sends a claimed round and records every outcome in one statement. */
  private async finish(due: ClaimedDelivery[]): Promise<void> {
    if (due.length === 0) return;
    const outcomes = await Promise.all(due.map(async (d) => ({ d, o: await this.attempt(d) })));
    try {
      await deliveryRepository.recordMany(
        this.orm.em.fork(),
        outcomes.map(({ d, o }) => ({ id: d.id, o })),
      );
    } catch (error) {
      // The leases run out and the deliveries are tried again (their ids let receivers deduplicate).
      this.log.error({ err: error }, 'could not record delivery outcomes');
      return;
    }
    for (const { d, o } of outcomes) await this.after(d, o);
  }

  private async attempt(d: ClaimedDelivery): Promise<DeliveryOutcome> {
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
        ? await sender.send(d, this.orm.em.fork())
        : { ok: false, retry: false, skip: true, error: `no ${d.channel} sender configured` };
    } catch (error) {
      result = { ok: false, retry: true, error: errorText(error) };
    }
    return this.outcome(d, result);
  }

  private async after(d: ClaimedDelivery, outcome: DeliveryOutcome): Promise<void> {
    const sender = this.senders[d.channel];
    try {
      const em = this.orm.em.fork();
      if (outcome.status === DeliveryStatus.SENT) await sender?.succeeded?.(d, em);
      if (outcome.status === DeliveryStatus.FAILED) await sender?.failed?.(d, em);
    } catch (error) {
      this.log.error({ err: error, deliveryId: d.id }, 'delivery follow-up failed');
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
