import type { Envelope, Messaging } from '@saldo/kit';

/**
 * Publishes envelopes in order with a window of unacknowledged publishes. The NATS
 * client builds a timeout error with a stack trace for every request; the traces cost
 * more than the publishes, so they are off while the calls are made (as the kit's relay does).
 */
export async function publishAll(
  messaging: Messaging,
  events: Iterable<Envelope>,
  window = 2_000,
): Promise<number> {
  let inFlight: Promise<unknown>[] = [];
  let count = 0;
  const limit = Error.stackTraceLimit;
  for (const e of events) {
    Error.stackTraceLimit = 0;
    try {
      inFlight.push(
        messaging.js.publish(messaging.subject(e.type), JSON.stringify(e), { msgID: e.id }),
      );
    } finally {
      Error.stackTraceLimit = limit;
    }
    count += 1;
    if (inFlight.length >= window) {
      await Promise.all(inFlight);
      inFlight = [];
    }
  }
  await Promise.all(inFlight);
  return count;
}
