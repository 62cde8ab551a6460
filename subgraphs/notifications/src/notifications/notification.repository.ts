import { query, queryOne, type CursorKey, type EntityManager } from '@saldo/kit';

export interface NotificationRecord {
  id: string;
  userId: string;
  type: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  readAt: Date | null;
  createdAt: Date;
}

export interface DeliveryRecord {
  id: string;
  notificationId: string | null;
  channel: string;
  target: string | null;
  status: string;
  attempts: number;
  lastError: string | null;
  statusCode: number | null;
  latencyMs: number | null;
  sentAt: Date | null;
  nextAttemptAt: Date;
  createdAt: Date;
}

interface NotificationRow {
  id: string;
  user_id: string;
  type: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  read_at: Date | null;
  created_at: Date;
}

interface DeliveryRow {
  id: string;
  notification_id: string | null;
  channel: string;
  target: string | null;
  status: string;
  attempts: number;
  last_error: string | null;
  status_code: number | null;
  latency_ms: number | null;
  sent_at: Date | null;
  next_attempt_at: Date;
  created_at: Date;
}

// Raw rows carry timestamps as text.
const at = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));
const must = (v: Date | string): Date => new Date(v);

const toNotification = (r: NotificationRow): NotificationRecord => ({
  id: r.id,
  userId: r.user_id,
  type: r.type,
  title: r.title,
  body: r.body,
  data: r.data,
  readAt: at(r.read_at),
  createdAt: must(r.created_at),
});

export const toDelivery = (r: DeliveryRow): DeliveryRecord => ({
  id: r.id,
  notificationId: r.notification_id,
  channel: r.channel,
  target: r.target,
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  statusCode: r.status_code,
  latencyMs: r.latency_ms,
  sentAt: at(r.sent_at),
  nextAttemptAt: must(r.next_attempt_at),
  createdAt: must(r.created_at),
});

const COLUMNS = 'id, user_id, type, title, body, data, read_at, created_at';
const DELIVERY_COLUMNS = `id, notification_id, channel, target, status, attempts, last_error,
  status_code, latency_ms, sent_at, next_attempt_at, created_at`;

/** The inbox, always by user: no statement here reads another user's rows. */
export const notificationRepository = {
  async insert(em: EntityManager, n: NotificationRecord, dedupKey: string): Promise<boolean> {
    const rows = await query<{ id: string }>(
      em,
      `insert into notifications (id, user_id, type, title, body, data, dedup_key, read_at, created_at)
       values (?::uuid, ?::uuid, ?, ?, ?, ?::jsonb, ?, ?, ?)
       on conflict (user_id, dedup_key) do nothing returning id`,
      [
        n.id,
        n.userId,
        n.type,
        n.title,
        n.body,
        JSON.stringify(n.data),
        dedupKey,
        n.readAt,
        n.createdAt,
      ],
    );
    return rows.length === 1;
  },

  /** Inserts those not yet there (by user and dedup key); returns the ids inserted. */
  async insertMany(
    em: EntityManager,
    rows: readonly { record: NotificationRecord; dedupKey: string }[],
  ): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const inserted = await query<{ id: string }>(
      em,
      `insert into notifications (id, user_id, type, title, body, data, dedup_key, read_at, created_at)
       select * from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::jsonb[], ?::text[],
         ?::timestamptz[], ?::timestamptz[])
       on conflict (user_id, dedup_key) do nothing returning id`,
      [
        rows.map((r) => r.record.id),
        rows.map((r) => r.record.userId),
        rows.map((r) => r.record.type),
        rows.map((r) => r.record.title),
        rows.map((r) => r.record.body),
        rows.map((r) => JSON.stringify(r.record.data)),
        rows.map((r) => r.dedupKey),
        rows.map((r) => r.record.readAt),
        rows.map((r) => r.record.createdAt),
      ],
    );
    return new Set(inserted.map((r) => r.id));
  },

  async page(
    em: EntityManager,
    userId: string,
    unreadOnly: boolean,
    limit: number,
    after: CursorKey | null,
  ): Promise<NotificationRecord[]> {
    const after0 = (after?.[0] ?? null) as string | null;
    const id = (after?.[1] ?? null) as string | null;
    const rows = await query<NotificationRow>(
      em,
      `select ${COLUMNS} from notifications
       where user_id = ?::uuid and (not ?::boolean or read_at is null)
         and (?::timestamptz is null or (created_at, id) < (?::timestamptz, ?::uuid))
       order by created_at desc, id desc limit ?`,
      [userId, unreadOnly, after0, after0, id, limit],
    );
    return rows.map(toNotification);
  },

  async byIds(em: EntityManager, userId: string, ids: readonly string[]) {
    const rows = await query<NotificationRow>(
      em,
      `select ${COLUMNS} from notifications where user_id = ?::uuid and id = any(?::uuid[])`,
      [userId, ids],
    );
    return rows.map(toNotification);
  },

  async unreadCount(em: EntityManager, userId: string): Promise<number> {
    const row = await queryOne<{ n: string }>(
      em,
      'select count(*) as n from notifications where user_id = ?::uuid and read_at is null',
      [userId],
    );
    return Number(row?.n ?? 0);
  },

  async markRead(em: EntityManager, userId: string, id: string, at: Date) {
    const rows = await query<NotificationRow>(
      em,
      `update notifications set read_at = coalesce(read_at, ?) where user_id = ?::uuid and id = ?::uuid
       returning ${COLUMNS}`,
      [at, userId, id],
    );
    return rows[0] ? toNotification(rows[0]) : null;
  },

  async markAllRead(em: EntityManager, userId: string, at: Date): Promise<number> {
    const rows = await query<{ id: string }>(
      em,
      `update notifications set read_at = ? where user_id = ?::uuid and read_at is null returning id`,
      [at, userId],
    );
    return rows.length;
  },

  async delete(em: EntityManager, userId: string, id: string): Promise<boolean> {
    const rows = await query<{ id: string }>(
      em,
      'delete from notifications where user_id = ?::uuid and id = ?::uuid returning id',
      [userId, id],
    );
    return rows.length === 1;
  },

  /** Deliveries of many notifications of one user, oldest first (a DataLoader batch). */
  async deliveriesOf(em: EntityManager, userId: string, ids: readonly string[]) {
    const rows = await query<DeliveryRow>(
      em,
      `select ${DELIVERY_COLUMNS} from deliveries
       where user_id = ?::uuid and notification_id = any(?::uuid[]) order by created_at, id`,
      [userId, ids],
    );
    return rows.map(toDelivery);
  },

  async endpointDeliveries(
    em: EntityManager,
    userId: string,
    endpointId: string,
    limit: number,
    after: CursorKey | null,
  ): Promise<DeliveryRecord[]> {
    const after0 = (after?.[0] ?? null) as string | null;
    const id = (after?.[1] ?? null) as string | null;
    const rows = await query<DeliveryRow>(
      em,
      `select ${DELIVERY_COLUMNS} from deliveries
       where channel = 'WEBHOOK' and target = ? and user_id = ?::uuid
         and (?::timestamptz is null or (created_at, id) < (?::timestamptz, ?::uuid))
       order by created_at desc, id desc limit ?`,
      [endpointId, userId, after0, after0, id, limit],
    );
    return rows.map(toDelivery);
  },
};
