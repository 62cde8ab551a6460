import { DeliverPolicy } from '@nats-io/jetstream';
import type { Messaging } from './messaging';

export interface DeadLetter {
  seq: number;
  consumer: string;
  reason: string;
  originalSubject: string;
  originalStream: string;
  deliveries: number;
  /** Empty when redacted: the payload carried a secret, which is not kept here. */
  data: string;
  redacted: boolean;
}

/** Every parked message, optionally for one consumer: what failed and why. */
export async function listDeadLetters(
  messaging: Messaging,
  consumer?: string,
): Promise<DeadLetter[]> {
  const stream = messaging.streamName('deadletter');
  const info = await messaging.jsm.streams.info(stream).catch(() => null);
  if (!info || info.state.messages === 0) return [];
  const ordered = await messaging.js.consumers.get(stream, {
    filter_subjects: messaging.subject(consumer ? `dlq.${consumer}` : 'dlq.>'),
    deliver_policy: DeliverPolicy.All,
  });
  const letters: DeadLetter[] = [];
  const messages = await ordered.fetch({ max_messages: info.state.messages, expires: 2000 });
  for await (const m of messages) {
    const h = m.headers;
    letters.push({
      seq: m.seq,
      consumer: h?.get('Saldo-Consumer') ?? '',
      reason: h?.get('Saldo-Reason') ?? '',
      originalSubject: h?.get('Saldo-Original-Subject') ?? '',
      originalStream: h?.get('Saldo-Original-Stream') ?? '',
      deliveries: Number(h?.get('Saldo-Deliveries') ?? 0),
      data: m.string(),
      redacted: h?.has('Saldo-Redacted') ?? false,
    });
    if (m.info.pending === 0) break;
  }
  return letters;
}

/**
 * Publishes parked messages again on their original subject (after the cause is
 * fixed) and removes them from the dead-letter stream. Consumers that already
 * applied the event skip it through their inbox. Redacted letters are only removed.
 */
export async function replayDeadLetters(messaging: Messaging, consumer: string): Promise<number> {
  const stream = messaging.streamName('deadletter');
  const letters = await listDeadLetters(messaging, consumer);
  for (const letter of letters) {
    // A redacted letter has nothing left to replay (its secret has expired by now anyway).
    if (!letter.redacted) {
      await messaging.js.publish(letter.originalSubject, letter.data, {
        msgID: `replay:${stream}:${letter.seq}`,
      });
    }
    await messaging.jsm.streams.deleteMessage(stream, letter.seq);
  }
  return letters.length;
}
