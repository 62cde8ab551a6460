import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type ConsumerConfig,
  type JsMsg,
} from '@nats-io/jetstream';
import { headers, nanos } from '@nats-io/transport-node';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from '../db';
import { query } from '../sql';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { isSecretEventType, type EventType } from '@saldo/events';
import { InvalidEventError, parseEnvelope, type AnyEnvelope, type Envelope } from './envelope';
import type { Messaging } from './messaging';

export interface HandlerContext {
  /** Forked EntityManager inside the transaction that also records the inbox row. */
  em: EntityManager;
  log: Logger;
  /**
   * Runs `fn` once the transaction has committed (not at all if it rolls back): for
   * what may only be believed once the effect is durable, e.g. an in-memory cache.
   */
  afterCommit: (fn: () => void) => void;
}

export type EventHandler<T extends EventType> = (
  event: Envelope<T>,
  ctx: HandlerContext,
) => Promise<void>;
/**
 * Handles a run of consecutive events in one go (e.g. one multi-row write).
 * Give several types the same object to receive them together, in stream order.
 */
export interface BatchEventHandler<T extends EventType> {
  batch: (events: Envelope<T>[], ctx: HandlerContext) => Promise<void>;
}
export type HandlerMap = { [T in EventType]?: EventHandler<T> | BatchEventHandler<T> };

type AnyHandler = EventHandler<EventType> | BatchEventHandler<EventType>;

export interface ConsumerOptions {
  /** Durable consumer name; also the inbox's consumer column. */
  name: string;
  orm: Orm;
  messaging: Messaging;
  log: Logger;
  metrics?: Metrics;
  handlers: HandlerMap;
  /** Deliveries before a failing message is dead-lettered. */
  maxDeliver?: number;
  /** Delay before redelivery n (the last value repeats). */
  backoffMs?: readonly number[];
  batchSize?: number;
  /** How long to wait for more messages after the first of a quiet spell (batching vs latency). */
  lingerMs?: number;
  /** Redelivery after this long without an ack (a handler taking longer is presumed dead). */
  ackWaitMs?: number;
  /** Messages delivered but not yet acknowledged, at most. */
  maxAckPending?: number;
  /**
   * Batches in the database at once (default 1: one after another, in stream order).
   * More only for handlers whose batches commute: each batch's effect is right whatever
   * order batches commit in, and rows are locked in one order (see the inbox's).
   */
  concurrency?: number;
}

/** The consumer settings a subgraph may tune. */
export type ConsumerTuning = Pick<
  ConsumerOptions,
  | 'maxDeliver'
  | 'backoffMs'
  | 'batchSize'
  | 'lingerMs'
  | 'ackWaitMs'
  | 'maxAckPending'
  | 'concurrency'
>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The source stream is not there yet: its producer has not started. Normal, not a failure. */
function isStreamMissing(error: unknown): boolean {
  return error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound;
}

interface ParsedBatch {
  valid: { m: JsMsg; event: AnyEnvelope }[];
  invalid: { m: JsMsg; reason: string }[];
  /** Types this consumer has no handler for (the filter takes a whole domain on NATS 2.9). */
  ignored: JsMsg[];
}

/** The narrowest single filter subject that covers every type (NATS 2.9 takes one filter). */
export function filterFor(types: readonly string[]): string {
  const split = types.map((t) => t.split('.'));
  const first = split[0] ?? [];
  if (split.length === 1) return first.join('.');
  const common: string[] = [];
  for (let i = 0; i < first.length; i += 1) {
    if (split.every((tokens) => tokens[i] === first[i] && i < tokens.length - 1))
      common.push(first[i]!);
    else break;
  }
  return [...common, '>'].join('.');
}

/**
 * An idempotent JetStream consumer: one durable pull consumer per source stream,
 * messages handled in batches inside one database transaction that also writes
 * their inbox rows, acked only after the commit. Failures are redelivered with
 * backoff and dead-lettered (with the reason) after `maxDeliver` attempts;
 * invalid payloads are dead-lettered at once. Neither blocks later messages.
 */
export class EventConsumer {
  private readonly loops: StreamLoop[];

  constructor(options: ConsumerOptions) {
    const byStream = new Map<string, EventType[]>();
    for (const type of Object.keys(options.handlers) as EventType[]) {
      const stream = options.messaging.streamOf(type);
      byStream.set(stream, [...(byStream.get(stream) ?? []), type]);
    }
    this.loops = [...byStream].map(([stream, types]) => new StreamLoop(options, stream, types));
  }

  start(): void {
    for (const loop of this.loops) loop.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.loops.map((loop) => loop.stop()));
  }

  /** Messages not yet acknowledged, summed over the source streams. */
  async lag(): Promise<number> {
    const lags = await Promise.all(this.loops.map((loop) => loop.lag()));
    return lags.reduce((a, b) => a + b, 0);
  }
}

class StreamLoop {
  private running = false;
  private buffer: JsMsg[] = [];
  private signal: (() => void) | null = null;
  private supervisor: Promise<void> | null = null;
  private processor: Promise<void> | null = null;
  private close: (() => Promise<void>) | null = null;
  private lagTimer: NodeJS.Timeout | null = null;
  private readonly maxDeliver: number;
  private readonly backoffMs: readonly number[];
  private readonly lingerMs: number;
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly log: Logger;

  constructor(
    private readonly options: ConsumerOptions,
    private readonly stream: string,
    private readonly types: readonly EventType[],
  ) {
    this.maxDeliver = options.maxDeliver ?? 5;
    this.backoffMs = options.backoffMs ?? [1000, 5000, 30_000, 120_000];
    this.lingerMs = options.lingerMs ?? 5;
    this.batchSize = options.batchSize ?? 256;
    this.concurrency = Math.max(1, options.concurrency ?? 1);
    this.log = options.log.child({ consumer: options.name, stream });
  }

  start(): void {
    this.running = true;
    this.supervisor = this.supervise();
    this.processor = this.process();
    this.lagTimer = setInterval(() => void this.lag().catch(() => undefined), 5000);
    this.lagTimer.unref();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.lagTimer) clearInterval(this.lagTimer);
    await this.close?.().catch(() => undefined);
    this.signal?.();
    await Promise.all([this.supervisor, this.processor]);
    // Unprocessed messages go back to the server for the next run.
    for (const m of this.buffer.splice(0)) m.nak();
  }

  async lag(): Promise<number> {
    let lag = 0;
    try {
      const info = await this.options.messaging.jsm.consumers.info(this.stream, this.options.name);
      lag = info.num_pending + info.num_ack_pending;
    } catch (error) {
      if (!(error instanceof JetStreamApiError) || error.status !== 404) throw error;
      // No consumer yet: everything in the stream is still ahead of it (an over-estimate
      // when the filter takes part of the stream). No stream yet: nothing is behind.
      const stream = await this.options.messaging.jsm.streams.info(this.stream).catch(() => null);
      lag = stream?.state.messages ?? 0;
    }
    this.options.metrics?.consumerLag.set(
      { consumer: this.options.name, stream: this.stream },
      lag,
    );
    return lag;
  }

  private async ensureConsumer(): Promise<void> {
    const { messaging, name } = this.options;
    const config: Partial<ConsumerConfig> = {
      durable_name: name,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: messaging.subject(filterFor(this.types)),
      ack_wait: nanos(this.options.ackWaitMs ?? 30_000),
      // A backstop beyond our own dead-lettering, which acts at maxDeliver.
      max_deliver: this.maxDeliver + 2,
      // Room for the batches in the database, the one being parsed, and the next.
      max_ack_pending:
        this.options.maxAckPending ?? Math.max(2000, this.batchSize * (this.concurrency + 2)),
    };
    try {
      await messaging.jsm.consumers.info(this.stream, name);
      await messaging.jsm.consumers.update(this.stream, name, config);
    } catch (error) {
      if (!(error instanceof JetStreamApiError) || error.status !== 404) throw error;
      await messaging.jsm.consumers.add(this.stream, config);
    }
  }

  /**
   * Keeps a consume loop alive: recreated after any failure. A stream that does not exist
   * yet (its producer has not started) is waited for quietly: one info line, then one when
   * consuming starts; real failures are warnings.
   */
  private async supervise(): Promise<void> {
    let failures = 0;
    let waits = 0;
    while (this.running) {
      try {
        await this.ensureConsumer();
        const consumer = await this.options.messaging.js.consumers.get(
          this.stream,
          this.options.name,
        );
        const messages = await consumer.consume({
          max_messages: this.batchSize * (this.concurrency + 1),
          callback: (m) => {
            this.buffer.push(m);
            this.signal?.();
          },
        });
        this.close = async () => {
          await messages.close();
        };
        if (!this.running) {
          // stop() ran while this loop was still starting: it had nothing to close yet.
          await messages.close();
          break;
        }
        this.log.info('consuming');
        failures = 0;
        waits = 0;
        const error = await messages.closed();
        if (error) throw error;
      } catch (error) {
        if (isStreamMissing(error)) {
          waits += 1;
          if (waits === 1) this.log.info(`waiting for stream ${this.stream}`);
          else this.log.debug({ polls: waits }, `stream ${this.stream} not there yet`);
          if (this.running) await sleep(Math.min(250 * 2 ** waits, 1000));
          continue;
        }
        failures += 1;
        if (this.running)
          this.log.warn({ err: error, failures }, 'consumer loop failed; restarting');
      }
      if (this.running) await sleep(Math.min(250 * 2 ** failures, 5000));
    }
  }

  /**
   * Batches run one after another, in stream order (or up to `concurrency` at once);
   * while the database works on them the next is parsed and validated, so JSON and
   * schema work overlaps the round trips.
   */
  private async process(): Promise<void> {
    const { batchSize, concurrency } = this;
    const inFlight = new Set<Promise<void>>();
    while (this.running) {
      if (this.buffer.length === 0) {
        if (inFlight.size >= concurrency) {
          // No slot free: what arrives meanwhile makes the next batch bigger.
          await Promise.race(inFlight);
          continue;
        }
        const arrival = new Promise<void>((resolve) => (this.signal = resolve));
        if (inFlight.size > 0) {
          // A slot is free: whichever comes first, more messages or another slot.
          await Promise.race([arrival, ...inFlight]);
          this.signal = null;
          continue;
        }
        await arrival;
        this.signal = null;
        // Woken by the first message: give its neighbours a moment to arrive, so a
        // steady trickle is handled in batches rather than one transaction each.
        if (this.lingerMs > 0 && this.buffer.length < batchSize) await sleep(this.lingerMs);
        continue;
      }
      const parsed = this.parse(this.buffer.splice(0, batchSize));
      while (inFlight.size >= concurrency) await Promise.race(inFlight);
      const run: Promise<void> = this.handleBatch(parsed).finally(() => inFlight.delete(run));
      inFlight.add(run);
    }
    await Promise.all(inFlight);
  }

  /**
   * Types come from the subject (the relay publishes each event under its type), so
   * events without a handler are skipped before any parsing; an envelope whose type
   * is not its subject's is invalid.
   */
  private parse(batch: JsMsg[]): ParsedBatch {
    const parsed: ParsedBatch = { valid: [], invalid: [], ignored: [] };
    for (const m of batch) {
      const type = this.options.messaging.eventType(m.subject);
      if (!Object.hasOwn(this.options.handlers, type)) {
        parsed.ignored.push(m);
        continue;
      }
      try {
        const event = parseEnvelope(m.data);
        if (event.type !== type)
          throw new InvalidEventError(`type ${event.type} published as ${type}`);
        parsed.valid.push({ m, event });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const kind = error instanceof InvalidEventError ? 'invalid payload' : 'unreadable payload';
        parsed.invalid.push({ m, reason: `${kind}: ${message}` });
      }
    }
    return parsed;
  }

  private async handleBatch({ valid, invalid, ignored }: ParsedBatch): Promise<void> {
    for (const m of ignored) m.ack(); // nothing to apply, nothing to record
    if (ignored.length > 0)
      this.options.metrics?.eventsHandled.inc(
        { consumer: this.options.name, result: 'ignored' },
        ignored.length,
      );
    try {
      for (const { m, reason } of invalid) await this.deadLetter(m, reason);
      if (valid.length > 0) await this.applyAndAck(valid);
    } catch (error) {
      // Only infrastructure errors get here (e.g. the database is down): retry later.
      this.log.error({ err: error }, 'batch failed; messages will be redelivered');
      for (const { m } of [...valid, ...invalid]) m.nak(this.delayFor(m));
      await sleep(1000);
    }
  }

  private async applyAndAck(valid: ParsedBatch['valid']): Promise<void> {
    try {
      await this.apply(valid);
      for (const { m } of valid) m.ack();
      this.options.metrics?.eventsHandled.inc(
        { consumer: this.options.name, result: 'ok' },
        valid.length,
      );
    } catch (error) {
      if (valid.length === 1) return this.failed(valid[0]!.m, error);
      // Something in the batch failed: apply one by one to isolate it.
      for (const item of valid) {
        try {
          await this.apply([item]);
          item.m.ack();
          this.options.metrics?.eventsHandled.inc({ consumer: this.options.name, result: 'ok' });
        } catch (itemError) {
          await this.failed(item.m, itemError);
        }
      }
    }
  }

  /** Records inbox rows and runs the handlers of new events, all in one transaction. */
  private async apply(items: { event: AnyEnvelope }[]): Promise<void> {
    const { orm, name } = this.options;
    // Each id once, in one order for every transaction: concurrent batches that share
    // a redelivered event wait on each other's inbox row instead of deadlocking.
    const subjects = new Map(items.map(({ event }) => [event.id.toLowerCase(), event.type]));
    const ids = [...subjects.keys()].sort();
    const committed: (() => void)[] = [];
    const afterCommit = (fn: () => void) => void committed.push(fn);
    await orm.em.fork().transactional(async (em) => {
      // A look-up and a plain insert cost about half an `on conflict` insert. A copy being
      // applied right now elsewhere makes the insert fail on the key: the batch is retried
      // (one by one) after that transaction, and then the look-up skips the event.
      const inserted = await query<{ event_id: string }>(
        em,
        `insert into kit_inbox (consumer, event_id, subject)
         select ?, t.id, t.subject from unnest(?::uuid[], ?::text[]) as t(id, subject)
          where t.id not in (select event_id from kit_inbox
                              where consumer = ? and event_id = any(?::uuid[]))
         returning event_id`,
        [name, ids, ids.map((id) => subjects.get(id)!), name, ids],
      );
      const fresh = new Set(inserted.map((row) => row.event_id));
      // Consecutive events of one batch handler are handed over together.
      let batchHandler: BatchEventHandler<EventType> | null = null;
      let batch: AnyEnvelope[] = [];
      const flush = async () => {
        if (batchHandler && batch.length > 0)
          await batchHandler.batch(batch, { em, log: this.log, afterCommit });
        batchHandler = null;
        batch = [];
      };
      for (const { event } of items) {
        // Already applied (redelivery or replay), or a second copy in this batch.
        if (!fresh.delete(event.id.toLowerCase())) continue;
        const handler = this.options.handlers[event.type] as AnyHandler | undefined;
        if (!handler) continue;
        if (typeof handler !== 'function') {
          if (batchHandler !== handler) await flush();
          batchHandler = handler;
          batch.push(event);
          continue;
        }
        await flush();
        await handler(event, { em, log: this.log.child({ eventId: event.id }), afterCommit });
      }
      await flush();
    });
    for (const fn of committed) fn();
  }

  private delayFor(m: JsMsg): number {
    const index = Math.max(0, m.info.deliveryCount - 1);
    return this.backoffMs[Math.min(index, this.backoffMs.length - 1)] ?? 1000;
  }

  private async failed(m: JsMsg, error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    this.options.metrics?.eventsHandled.inc({ consumer: this.options.name, result: 'error' });
    if (m.info.deliveryCount >= this.maxDeliver) {
      await this.deadLetter(m, `handler failed ${m.info.deliveryCount} times: ${reason}`);
      return;
    }
    this.log.warn(
      { err: error, subject: m.subject, delivery: m.info.deliveryCount },
      'handler failed; will retry',
    );
    m.nak(this.delayFor(m));
  }

  /** Moves a message to the dead-letter stream with its reason, then terminates it here. */
  private async deadLetter(m: JsMsg, reason: string): Promise<void> {
    const { messaging, name } = this.options;
    const h = headers();
    h.set('Saldo-Reason', reason.slice(0, 1000));
    h.set('Saldo-Consumer', name);
    h.set('Saldo-Original-Subject', m.subject);
    h.set('Saldo-Original-Stream', this.stream);
    h.set('Saldo-Original-Seq', String(m.seq));
    h.set('Saldo-Deliveries', String(m.info.deliveryCount));
    // The dead-letter stream keeps messages without age limit: a live secret stays out.
    const redact = isSecretEventType(messaging.eventType(m.subject));
    if (redact) h.set('Saldo-Redacted', 'secret');
    try {
      await messaging.js.publish(messaging.subject(`dlq.${name}`), redact ? '' : m.data, {
        headers: h,
        msgID: `${this.stream}:${m.seq}:${name}`,
      });
    } catch (error) {
      // Not parked yet: keep it on the stream and try again later.
      this.log.error({ err: error }, 'could not dead-letter; retrying later');
      m.nak(this.delayFor(m));
      return;
    }
    this.options.metrics?.eventsHandled.inc({ consumer: name, result: 'dead_letter' });
    this.log.error({ subject: m.subject, seq: m.seq, reason }, 'message dead-lettered');
    // No reason on the TERM: NATS 2.9 takes only a bare one (the reason is in the headers).
    m.term();
  }
}
