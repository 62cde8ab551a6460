import { JetStreamApiError } from '@nats-io/jetstream';
import { domainOf, type Domain, type EventData, type EventType } from '@saldo/events';
import { createEnvelope, parseEnvelope, type Envelope } from '../events/envelope';
import { Messaging } from '../events/messaging';
import { TEST_NATS_URL } from './nats';
import { placeholders, testQuery, type DbSource } from './query';
import { waitFor } from './wait';

/**
 * Where a test publishes: a NATS connection, a subgraph (its connection), a TestSubgraph,
 * or a bare namespace (a connection is opened for the call).
 */
export type PublishTarget =
  Messaging | { messaging: Messaging } | { subgraph: { messaging: Messaging } } | string;

async function withMessaging<T>(
  target: PublishTarget,
  use: (messaging: Messaging) => Promise<T>,
): Promise<T> {
  if (typeof target !== 'string') {
    const messaging =
      target instanceof Messaging
        ? target
        : 'subgraph' in target
          ? target.subgraph.messaging
          : target.messaging;
    return use(messaging);
  }
  const messaging = await Messaging.connect({
    url: TEST_NATS_URL,
    name: 'test-publisher',
    namespace: target,
  });
  try {
    return await use(messaging);
  } finally {
    await messaging.close();
  }
}

/** Creates a domain's stream in the namespace unless it exists (an existing one is left as is). */
async function ensureStreamExists(messaging: Messaging, domain: Domain): Promise<void> {
  try {
    await messaging.jsm.streams.info(messaging.streamName(domain));
  } catch (error) {
    if (!(error instanceof JetStreamApiError) || error.status !== 404) throw error;
    await messaging.ensureDomainStream(domain);
  }
}

/** The envelope as JSON on its namespaced subject, `Nats-Msg-Id` = its id (as the relay does). */
async function publishOne(
  messaging: Messaging,
  envelope: Envelope,
  json = JSON.stringify(envelope),
): Promise<void> {
  await messaging.js.publish(messaging.subject(envelope.type), json, { msgID: envelope.id });
}

/**
 * Publishes an event as its producing domain would: a validated envelope on the
 * namespaced subject, `Nats-Msg-Id` = the event id; the domain's stream is created if
 * missing. Returns the envelope, so the test can wait for it (`waitForHandled`).
 */
export async function publishAs<T extends EventType>(
  target: PublishTarget,
  type: T,
  userId: string | null,
  data: EventData<T>,
): Promise<Envelope<T>> {
  const envelope = createEnvelope(type, userId, data);
  await withMessaging(target, async (messaging) => {
    await ensureStreamExists(messaging, domainOf(type));
    await publishOne(messaging, envelope);
  });
  return envelope;
}

/**
 * Publishes envelopes built beforehand (e.g. with `createEnvelope`), each checked against
 * the catalog first. Stream order is array order; `inOrder` also waits for each PubAck
 * before the next publish. Publishes go out a window of 1,000 at a time.
 */
export async function publishEvents(
  target: PublishTarget,
  envelopes: readonly Envelope[],
  { inOrder = false } = {},
): Promise<void> {
  const payloads = envelopes.map((envelope) => {
    const json = JSON.stringify(envelope);
    parseEnvelope(json); // throws InvalidEventError with the reason
    return json;
  });
  await withMessaging(target, async (messaging) => {
    const domains = new Set(envelopes.map((e) => domainOf(e.type)));
    for (const domain of domains) await ensureStreamExists(messaging, domain);
    if (inOrder) {
      for (const [i, envelope] of envelopes.entries())
        await publishOne(messaging, envelope, payloads[i]);
      return;
    }
    for (let start = 0; start < envelopes.length; start += 1_000)
      await Promise.all(
        envelopes
          .slice(start, start + 1_000)
          .map((e, i) => publishOne(messaging, e, payloads[start + i])),
      );
  });
}

/**
 * Publishes a payload exactly as given, unchecked: for tests of malformed input or of
 * a redelivered copy under a new `Nats-Msg-Id`. The type's stream must exist.
 */
export async function publishRaw(
  target: PublishTarget,
  type: string,
  payload: string,
  { msgId }: { msgId?: string } = {},
): Promise<void> {
  await withMessaging(target, async (messaging) => {
    await messaging.js.publish(messaging.subject(type), payload, msgId ? { msgID: msgId } : {});
  });
}

export interface OutboxFilter<T extends EventType = EventType> {
  type?: T;
  /** Only events written at or after this time. */
  since?: Date;
  /** Only events the relay has (true) or has not yet (false) published. */
  sent?: boolean;
}

/** An outbox row: the envelope and what the relay has done with it. */
export interface OutboxEntry<T extends EventType = EventType> {
  envelope: Envelope<T>;
  sentAt: Date | null;
  /** Publish attempts so far, failed ones included. */
  attempts: number;
  lastError: string | null;
}

/** The rows of a subgraph's outbox, oldest first. */
export async function outboxEntries<T extends EventType = EventType>(
  source: DbSource,
  filter: OutboxFilter<T> = {},
): Promise<OutboxEntry<T>[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.type !== undefined) {
    where.push('subject = ?');
    params.push(filter.type);
  }
  if (filter.since !== undefined) {
    where.push('created_at >= ?::timestamptz');
    params.push(filter.since.toISOString());
  }
  if (filter.sent !== undefined) where.push(`sent_at is ${filter.sent ? 'not ' : ''}null`);
  const rows = await testQuery<{
    envelope: string;
    sent_at: string | Date | null;
    attempts: number;
    last_error: string | null;
  }>(
    source,
    `select envelope, sent_at, attempts, last_error from kit_outbox
      ${where.length ? `where ${where.join(' and ')}` : ''} order by seq`,
    params,
  );
  return rows.map((row) => ({
    envelope: JSON.parse(row.envelope) as Envelope<T>,
    sentAt: row.sent_at === null ? null : new Date(row.sent_at),
    attempts: Number(row.attempts),
    lastError: row.last_error,
  }));
}

/** The envelopes a subgraph wrote to its outbox, oldest first. */
export async function publishedEvents<T extends EventType = EventType>(
  source: DbSource,
  filter: OutboxFilter<T> = {},
): Promise<Envelope<T>[]> {
  return (await outboxEntries(source, filter)).map((entry) => entry.envelope);
}

/**
 * Waits until the outbox holds an event of `type` that `match`es (and, with `sent`, that
 * the relay has published to JetStream); returns the first such envelope.
 */
export function waitForPublished<T extends EventType>(
  source: DbSource,
  type: T,
  {
    match = () => true,
    sent,
    since,
    timeoutMs,
  }: {
    match?: (envelope: Envelope<T>) => boolean;
    sent?: boolean;
    since?: Date;
    timeoutMs?: number;
  } = {},
): Promise<Envelope<T>> {
  return waitFor(async () => (await publishedEvents(source, { type, sent, since })).find(match), {
    timeoutMs,
    what: `${type} in the outbox${sent ? ', published' : ''}`,
  });
}

type EventRef = string | { id: string };
const idOf = (ref: EventRef) => (typeof ref === 'string' ? ref : ref.id).toLowerCase();

/**
 * Inbox rows (events a consumer has applied, recorded in the handler's transaction),
 * optionally of one consumer and of some events only; `distinct` counts events, not rows.
 */
export async function handledCount(
  source: DbSource,
  {
    consumer,
    events,
    distinct = false,
  }: { consumer?: string; events?: readonly EventRef[]; distinct?: boolean } = {},
): Promise<number> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (consumer !== undefined) {
    where.push('consumer = ?');
    params.push(consumer);
  }
  if (events !== undefined) {
    const ids = [...new Set(events.map(idOf))];
    if (ids.length === 0) return 0;
    where.push(`event_id in (${placeholders(ids.length)})`);
    params.push(...ids);
  }
  const rows = await testQuery<{ n: string | number }>(
    source,
    `select count(${distinct ? 'distinct event_id' : '*'}) as n from kit_inbox ${where.length ? `where ${where.join(' and ')}` : ''}`,
    params,
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * Waits until the subgraph's consumer has applied every given event (its inbox holds
 * them, so the handlers' effects are committed). The way to say "X did not change
 * anything": wait for X to be handled, then assert.
 */
export async function waitForHandled(
  source: DbSource,
  events: EventRef | readonly EventRef[],
  { consumer, timeoutMs }: { consumer?: string; timeoutMs?: number } = {},
): Promise<void> {
  const list: readonly EventRef[] = Array.isArray(events) ? events : [events as EventRef];
  const wanted = new Set(list.map(idOf)).size;
  await waitFor(
    async () => (await handledCount(source, { consumer, events: list, distinct: true })) === wanted,
    { timeoutMs, what: `${wanted} event(s) handled${consumer ? ` by ${consumer}` : ''}` },
  );
}
