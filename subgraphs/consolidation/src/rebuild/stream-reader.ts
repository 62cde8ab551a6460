import { JetStreamApiError, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import type { Messaging } from '@saldo/kit';

/**
 * Reads a stream from its first message through an ordered consumer: no acks, no
 * server-side state to clean up, redelivered in order by the client on a gap.
 */
export class StreamReader {
  private held: JsMsg | null = null;
  private position = 0;

  private constructor(
    private readonly messages: ConsumerMessages,
    private readonly iterator: AsyncIterator<JsMsg>,
  ) {}

  static async open(messaging: Messaging, stream: string, filter: string): Promise<StreamReader> {
    const consumer = await messaging.js.consumers.get(stream, { filter_subjects: filter });
    const messages = await consumer.consume({ max_messages: 10_000 });
    return new StreamReader(messages, messages[Symbol.asyncIterator]());
  }

  /** The sequence of the last message handed out. */
  get seq(): number {
    return this.position;
  }

  /**
   * The next messages up to stream sequence `until`, at most `max`; empty once
   * `until` (or the end of the stream) is reached.
   */
  async read(until: number, max: number): Promise<JsMsg[]> {
    const out: JsMsg[] = [];
    while (out.length < max && this.position < until) {
      const m = this.held ?? (await this.next());
      this.held = null;
      if (!m) break;
      if (m.seq > until) {
        this.held = m;
        break;
      }
      out.push(m);
      this.position = m.seq;
      if (m.info.pending === 0) break; // nothing more in the stream for now
    }
    return out;
  }

  async close(): Promise<void> {
    // close() settles once the iterator has ended: end it rather than wait for a next().
    const closing = this.messages.close().catch(() => undefined);
    await this.iterator.return?.();
    await closing;
  }

  private async next(): Promise<JsMsg | null> {
    const result = await this.iterator.next();
    return result.done ? null : result.value;
  }
}

/** The stream's last sequence, or 0 when the stream does not exist yet. */
export async function lastSeq(messaging: Messaging, stream: string): Promise<number> {
  try {
    return (await messaging.jsm.streams.info(stream)).state.last_seq;
  } catch (error) {
    if (error instanceof JetStreamApiError && error.status === 404) return 0;
    throw error;
  }
}

/**
 * Every message up to this sequence has been handled (or dead-lettered) by the
 * durable consumer; 0 when it does not exist yet.
 */
export async function ackFloor(messaging: Messaging, stream: string, consumer: string) {
  try {
    return (await messaging.jsm.consumers.info(stream, consumer)).ack_floor.stream_seq;
  } catch (error) {
    if (error instanceof JetStreamApiError && error.status === 404) return 0;
    throw error;
  }
}
