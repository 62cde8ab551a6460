import type { EntityManager, PageRequest } from '@saldo/kit';
import { query, queryOne, toMinor } from '@saldo/kit';
import { CARD_COLUMNS, toCardRecord, type CardRecord, type CardRow } from './card.model';

/**
 * What a card owes: live installments + invoice adjustments (refunds and carried
 * credit, signed) - confirmed payments. Pending and failed payments restore nothing.
 */
const USED_SQL = `
  select c.id,
    coalesce((select sum(i.amount) from installments i
               where i.card_id = c.id and i.cancelled_at is null), 0)
  + coalesce((select sum(a.amount) from invoice_adjustments a where a.card_id = c.id), 0)
  - coalesce((select sum(p.amount) from payments p
               where p.card_id = c.id and p.status = 'CONFIRMED'), 0) as used
    from cards c where c.id = any(array[?]::uuid[])`;

/** A card with its exact creation time (microseconds, UTC), the key it is paged by. */
export interface PagedCard {
  record: CardRecord;
  createdKey: string;
}

/** SQL for cards; every statement is scoped by user id. */
export const cardRepository = {
  async byId(
    em: EntityManager,
    userId: string,
    id: string,
    lock = false,
  ): Promise<CardRecord | null> {
    const row = await queryOne<CardRow>(
      em,
      `select ${CARD_COLUMNS} from cards where user_id = ?::uuid and id = ?::uuid${lock ? ' for update' : ''}`,
      [userId, id],
    );
    return row ? toCardRecord(row) : null;
  },

  async byIds(em: EntityManager, userId: string, ids: readonly string[]): Promise<CardRecord[]> {
    const rows = await query<CardRow>(
      em,
      `select ${CARD_COLUMNS} from cards where user_id = ?::uuid and id = any(array[?]::uuid[])`,
      [userId, ids],
    );
    return rows.map(toCardRecord);
  },

  async list(em: EntityManager, userId: string, includeArchived: boolean): Promise<CardRecord[]> {
    const rows = await query<CardRow>(
      em,
      `select ${CARD_COLUMNS} from cards where user_id = ?::uuid ${includeArchived ? '' : 'and not archived'}
        order by created_at, id`,
      [userId],
    );
    return rows.map(toCardRecord);
  },

  /**
   * A page of the user's cards, oldest first like `list` (keyset on created_at, id).
   * The key keeps created_at to the microsecond: a Date would round it to milliseconds
   * and repeat or skip cards created within one.
   */
  async page(
    em: EntityManager,
    userId: string,
    includeArchived: boolean,
    page: PageRequest,
  ): Promise<PagedCard[]> {
    const [at, id] = page.after ?? [null, null];
    const rows = await query<CardRow & { created_key: string }>(
      em,
      `select ${CARD_COLUMNS},
              to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_key
         from cards where user_id = ?::uuid ${includeArchived ? '' : 'and not archived'}
          and (?::timestamptz is null or (created_at, id) > (?::timestamptz, ?::uuid))
        order by created_at, id limit ?`,
      [userId, at as string | null, at as string | null, id as string | null, page.limit],
    );
    return rows.map((row) => ({ record: toCardRecord(row), createdKey: row.created_key }));
  },

  /** Locks a card for a scheduler run, or returns null if someone else holds it. */
  async tryLock(em: EntityManager, id: string): Promise<CardRecord | null> {
    const row = await queryOne<CardRow>(
      em,
      `select ${CARD_COLUMNS} from cards where id = ?::uuid for update skip locked`,
      [id],
    );
    return row ? toCardRecord(row) : null;
  },

  async insert(em: EntityManager, c: CardRecord): Promise<void> {
    await query(
      em,
      `insert into cards (id, user_id, name, brand, last4, currency, limit_amount, closing_day,
         due_day, payment_account_id, liability_account_id, archived, version, created_at, updated_at)
       values (?::uuid, ?::uuid, ?, ?, ?, ?, ?::bigint, ?, ?, ?::uuid, ?::uuid, ?, ?, ?::timestamptz, ?::timestamptz)`,
      [
        c.id,
        c.userId,
        c.name,
        c.brand,
        c.last4,
        c.currency,
        c.limit,
        c.closingDay,
        c.dueDay,
        c.paymentAccountId,
        c.liabilityAccountId,
        c.archived,
        c.version,
        c.createdAt.toISOString(),
        c.updatedAt.toISOString(),
      ],
    );
  },

  async save(em: EntityManager, c: CardRecord): Promise<CardRecord> {
    const row = await queryOne<CardRow>(
      em,
      `update cards set name = ?, brand = ?, last4 = ?, limit_amount = ?::bigint, closing_day = ?,
         due_day = ?, payment_account_id = ?::uuid, archived = ?, version = version + 1, updated_at = now()
       where id = ?::uuid and user_id = ?::uuid returning ${CARD_COLUMNS}`,
      [
        c.name,
        c.brand,
        c.last4,
        c.limit,
        c.closingDay,
        c.dueDay,
        c.paymentAccountId,
        c.archived,
        c.id,
        c.userId,
      ],
    );
    if (!row) throw new Error(`card ${c.id} vanished inside its transaction`);
    return toCardRecord(row);
  },

  /** Amount owed per card id (see USED_SQL). */
  async used(em: EntityManager, ids: readonly string[]): Promise<Map<string, bigint>> {
    if (ids.length === 0) return new Map();
    const rows = await query<{ id: string; used: string }>(em, USED_SQL, [ids]);
    return new Map(rows.map((r) => [r.id, toMinor(r.used)]));
  },

  /** Payments sent to the ledger and not answered yet, per card. */
  async pendingPayments(em: EntityManager, id: string): Promise<number> {
    const row = await queryOne<{ n: string }>(
      em,
      `select count(*) as n from payments where card_id = ?::uuid and status = 'PENDING'`,
      [id],
    );
    return Number(row?.n ?? 0);
  },
};
