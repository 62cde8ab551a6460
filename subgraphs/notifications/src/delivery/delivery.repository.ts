import { newId, query, type EntityManager } from '@saldo/kit';
import type { Channel, DeliveryStatus } from '../catalog/types';

export interface NewDelivery {
  userId: string | null;
  notificationId: string | null;
  type: string;
  channel: Channel;
  target: string | null;
  status: DeliveryStatus;
  payload: unknown;
  lastError?: string | null;
  nextAttemptAt: Date;
  sentAt?: Date | null;
  /** Another system's reference, reported back once the delivery is final (charge emails). */
  ref?: Record<string, unknown> | null;
}

/** A delivery claimed by the worker: the rendered payload and how often it was tried. */
export interface ClaimedDelivery {
  id: string;
  userId: string | null;
  notificationId: string | null;
  type: string;
  channel: Channel;
  target: string | null;
  attempts: number;
  payload: Record<string, unknown>;
  /** A previous claim ran out without a result: the worker died mid-send. */
  reclaimed: boolean;
  createdAt: Date;
}

export interface DeliveryOutcome {
  status: DeliveryStatus;
  lastError: string | null;
  statusCode: number | null;
  latencyMs: number | null;
  sentAt: Date | null;
  nextAttemptAt: Date | null;
  /** Keep the payload for another attempt; cleared once final. */
  keepPayload: boolean;
}

export const deliveryRepository = {
  async insertMany(em: EntityManager, rows: readonly NewDelivery[]): Promise<void> {
    if (rows.length === 0) return;
    await query(
      em,
      `insert into deliveries (id, user_id, notification_id, type, channel, target, status, payload,
         last_error, next_attempt_at, sent_at, created_at, ref)
       select * from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[],
         ?::jsonb[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::jsonb[])`,
      [
        rows.map(() => newId()),
        rows.map((r) => r.userId),
        rows.map((r) => r.notificationId),
        rows.map((r) => r.type),
        rows.map((r) => r.channel),
        rows.map((r) => r.target),
        rows.map((r) => r.status),
        rows.map((r) => (r.payload === null ? null : JSON.stringify(r.payload))),
        rows.map((r) => r.lastError ?? null),
        rows.map((r) => r.nextAttemptAt),
        rows.map((r) => r.sentAt ?? null),
        rows.map(() => new Date()),
        rows.map((r) => (r.ref ? JSON.stringify(r.ref) : null)),
      ],
    );
  },

  /**
   * Claims due deliveries for `leaseMs` (SKIP LOCKED: several workers never take the same
   * row). The attempt is counted here, before sending, so a crash still counts it.
   */
  async claim(em: EntityManager, now: Date, limit: number, leaseMs: number) {
    const rows = await query<{
      id: string;
      user_id: string | null;
      notification_id: string | null;
      type: string;
      channel: Channel;
      target: string | null;
      attempts: number;
      payload: Record<string, unknown>;
      reclaimed: boolean;
      created_at: Date;
    }>(
      em,
      `with due as (
         select id, lease_until is not null as reclaimed from deliveries
         where status = 'QUEUED' and next_attempt_at <= ? and (lease_until is null or lease_until < ?)
         order by next_attempt_at limit ? for update skip locked)
       update deliveries d set lease_until = ?, attempts = d.attempts + 1
       from due where d.id = due.id
       returning d.id, d.user_id, d.notification_id, d.type, d.channel, d.target, d.attempts,
         d.payload, due.reclaimed, d.created_at`,
      [now, now, limit, new Date(now.getTime() + leaseMs)],
    );
    return rows.map((r): ClaimedDelivery => ({
      id: r.id,
      userId: r.user_id,
      notificationId: r.notification_id,
      type: r.type,
      channel: r.channel,
      target: r.target,
      attempts: r.attempts,
      payload: r.payload,
      reclaimed: r.reclaimed,
      createdAt: new Date(r.created_at),
    }));
  },

  /** Many outcomes in one statement (a worker round). */
  async recordMany(em: EntityManager, rows: readonly { id: string; o: DeliveryOutcome }[]) {
    if (rows.length === 0) return;
    await query(
      em,
      `update deliveries d set status = t.status, last_error = t.last_error,
         status_code = t.status_code, latency_ms = t.latency_ms, sent_at = t.sent_at,
         next_attempt_at = coalesce(t.next_attempt_at, d.next_attempt_at), lease_until = null,
         payload = case when t.keep then d.payload else null end
       from unnest(?::uuid[], ?::text[], ?::text[], ?::int[], ?::int[], ?::timestamptz[],
         ?::timestamptz[], ?::boolean[])
         as t(id, status, last_error, status_code, latency_ms, sent_at, next_attempt_at, keep)
       where d.id = t.id`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.o.status),
        rows.map((r) => r.o.lastError),
        rows.map((r) => r.o.statusCode),
        rows.map((r) => r.o.latencyMs),
        rows.map((r) => r.o.sentAt),
        rows.map((r) => r.o.nextAttemptAt),
        rows.map((r) => r.o.keepPayload),
      ],
    );
  },

  /** When the next delivery falls due (the worker sleeps until then at most). */
  async nextDue(em: EntityManager): Promise<Date | null> {
    const rows = await query<{ at: Date | null }>(
      em,
      `select min(greatest(next_attempt_at, coalesce(lease_until, next_attempt_at))) as at
       from deliveries where status = 'QUEUED'`,
    );
    const next = rows[0]?.at;
    return next ? new Date(next) : null;
  },
};
