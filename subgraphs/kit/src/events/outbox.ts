import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventData, EventType } from '@saldo/events';
import { query } from '../sql';

const CHUNK = 5_000;
import { createEnvelope, type Envelope } from './envelope';

export interface PendingEvent<T extends EventType = EventType> {
  type: T;
  userId: string | null;
  data: EventData<T>;
}

/** Typed constructor, so `data` is checked against `type` at compile time. */
export function event<T extends EventType>(
  type: T,
  userId: string | null,
  data: EventData<T>,
): PendingEvent<T> {
  return { type, userId, data };
}

/**
 * Writes events to the outbox inside the caller's transaction: they are published
 * if and only if that transaction commits. Refuses to run outside a transaction,
 * where the write would not be atomic with the change it describes.
 */
export async function recordEvents(
  em: EntityManager,
  events: readonly PendingEvent[],
): Promise<Envelope[]> {
  if (events.length === 0) return [];
  if (!em.isInTransaction()) {
    throw new Error('recordEvents must run inside the transaction that makes the change');
  }
  const envelopes = events.map((e) => createEnvelope(e.type, e.userId, e.data as never));
  // Four array parameters whatever the count: one statement text, prepared once.
  for (let i = 0; i < envelopes.length; i += CHUNK) {
    const chunk = envelopes.slice(i, i + CHUNK);
    await query(
      em,
      `insert into kit_outbox (id, subject, user_id, envelope)
       select * from unnest(?::uuid[], ?::text[], ?::uuid[], ?::text[])`,
      [
        chunk.map((e) => e.id),
        chunk.map((e) => e.type),
        chunk.map((e) => e.userId),
        chunk.map((e) => JSON.stringify(e)),
      ],
    );
  }
  return envelopes;
}
