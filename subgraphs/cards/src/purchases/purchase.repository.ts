import { newId, type EntityManager, type PageRequest } from '@saldo/kit';
import { query, queryOne, toDate, toMinor, valuesList } from '@saldo/kit';
import type { PlannedInstallment } from './installment-plan';
import {
  PURCHASE_COLUMNS,
  toPurchaseRecord,
  type InstallmentRecord,
  type PurchaseRecord,
  type PurchaseRow,
  type RefundRecord,
} from './purchase.model';

interface InstallmentRow extends Record<string, unknown> {
  id: string;
  purchase_id: string;
  invoice_id: string;
  month: string;
  number: number;
  amount: string;
  booking_date: string;
}

/** SQL for purchases, their installments and refunds; reads are scoped by user id. */
export const purchaseRepository = {
  async byId(em: EntityManager, userId: string, id: string): Promise<PurchaseRecord | null> {
    const row = await queryOne<PurchaseRow>(
      em,
      `select ${PURCHASE_COLUMNS} from purchases where user_id = ?::uuid and id = ?::uuid`,
      [userId, id],
    );
    return row ? toPurchaseRecord(row) : null;
  },

  async byIds(
    em: EntityManager,
    userId: string,
    ids: readonly string[],
  ): Promise<PurchaseRecord[]> {
    if (ids.length === 0) return [];
    const rows = await query<PurchaseRow>(
      em,
      `select ${PURCHASE_COLUMNS} from purchases where user_id = ?::uuid and id = any(array[?]::uuid[])`,
      [userId, ids],
    );
    return rows.map(toPurchaseRecord);
  },

  async byKey(em: EntityManager, userId: string, key: string): Promise<PurchaseRecord | null> {
    const row = await queryOne<PurchaseRow>(
      em,
      `select ${PURCHASE_COLUMNS} from purchases where user_id = ?::uuid and idempotency_key = ?`,
      [userId, key],
    );
    return row ? toPurchaseRecord(row) : null;
  },

  /**
   * A page of each card's live purchases, newest purchase date first (keyset on date, id),
   * in one statement: per card the same filter, order and limit as for that card alone.
   * Rows come card by card, in the order of `cardIds`.
   */
  async pagesOfCards(
    em: EntityManager,
    userId: string,
    cardIds: readonly string[],
    page: PageRequest,
  ): Promise<PurchaseRecord[]> {
    const [date, id] = page.after ?? [null, null];
    const rows = await query<PurchaseRow>(
      em,
      `select p.* from unnest(array[?]::uuid[]) with ordinality as k(parent_id, n)
        cross join lateral (select ${PURCHASE_COLUMNS} from purchases
          where user_id = ?::uuid and card_id = k.parent_id and deleted_at is null
            and (?::date is null or (purchase_date, id) < (?::date, ?::uuid))
          order by purchase_date desc, id desc limit ?) p
        order by k.n, p.purchase_date desc, p.id desc`,
      [
        cardIds,
        userId,
        date as string | null,
        date as string | null,
        id as string | null,
        page.limit,
      ],
    );
    return rows.map(toPurchaseRecord);
  },

  /** Inserts unless the idempotency key is taken; returns whether a row was written. */
  async insert(em: EntityManager, p: PurchaseRecord): Promise<boolean> {
    const rows = await query<{ id: string }>(
      em,
      `insert into purchases (id, user_id, card_id, description, merchant, category_id, total_amount,
         purchase_date, installment_count, idempotency_key, request_hash, created_at, updated_at)
       values (?::uuid, ?::uuid, ?::uuid, ?, ?, ?::uuid, ?::bigint, ?::date, ?, ?, ?, ?::timestamptz, ?::timestamptz)
       on conflict do nothing returning id`,
      [
        p.id,
        p.userId,
        p.cardId,
        p.description,
        p.merchant,
        p.categoryId,
        p.total,
        p.purchaseDate,
        p.installmentCount,
        p.idempotencyKey,
        p.requestHash,
        p.createdAt.toISOString(),
        p.createdAt.toISOString(),
      ],
    );
    return rows.length === 1;
  },

  async save(em: EntityManager, p: PurchaseRecord): Promise<PurchaseRecord> {
    const row = await queryOne<PurchaseRow>(
      em,
      `update purchases set description = ?, merchant = ?, category_id = ?::uuid,
         total_amount = ?::bigint, purchase_date = ?::date, installment_count = ?,
         deleted_at = case when ? then coalesce(deleted_at, now()) end,
         version = version + 1, updated_at = now()
       where id = ?::uuid and user_id = ?::uuid returning ${PURCHASE_COLUMNS}`,
      [
        p.description,
        p.merchant,
        p.categoryId,
        p.total,
        p.purchaseDate,
        p.installmentCount,
        p.deleted,
        p.id,
        p.userId,
      ],
    );
    if (!row) throw new Error(`purchase ${p.id} vanished inside its transaction`);
    return toPurchaseRecord(row);
  },

  async insertInstallments(
    em: EntityManager,
    p: PurchaseRecord,
    plan: readonly PlannedInstallment[],
    invoiceIds: ReadonlyMap<string, string>,
  ): Promise<void> {
    const values = plan.flatMap((i) => [
      newId(),
      p.userId,
      p.id,
      p.cardId,
      invoiceIds.get(i.month)!,
      i.number,
      i.amount,
      i.date,
    ]);
    await query(
      em,
      `insert into installments (id, user_id, purchase_id, card_id, invoice_id, number, amount, booking_date)
       values ${valuesList(plan.length, ['?::uuid', '?::uuid', '?::uuid', '?::uuid', '?::uuid', '?::smallint', '?::bigint', '?::date'])}`,
      values,
    );
  },

  /** Cancels a purchase's live installments; returns the invoices they were on. */
  async cancelInstallments(em: EntityManager, purchaseId: string): Promise<string[]> {
    const rows = await query<{ invoice_id: string }>(
      em,
      `update installments set cancelled_at = now()
        where purchase_id = ?::uuid and cancelled_at is null returning invoice_id`,
      [purchaseId],
    );
    return rows.map((r) => r.invoice_id);
  },

  /** Live installments of the purchases, by number. */
  async installments(
    em: EntityManager,
    purchaseIds: readonly string[],
  ): Promise<InstallmentRecord[]> {
    if (purchaseIds.length === 0) return [];
    const rows = await query<InstallmentRow>(
      em,
      `select x.id, x.purchase_id, x.invoice_id, i.month, x.number, x.amount, x.booking_date
         from installments x join invoices i on i.id = x.invoice_id
        where x.purchase_id = any(array[?]::uuid[]) and x.cancelled_at is null
        order by x.purchase_id, x.number`,
      [purchaseIds],
    );
    return rows.map((r) => ({
      id: r.id,
      purchaseId: r.purchase_id,
      invoiceId: r.invoice_id,
      month: r.month,
      number: r.number,
      amount: BigInt(r.amount),
      bookingDate: r.booking_date,
    }));
  },

  async refunds(em: EntityManager, purchaseIds: readonly string[]): Promise<RefundRecord[]> {
    if (purchaseIds.length === 0) return [];
    const rows = await query<{
      id: string;
      purchase_id: string;
      invoice_id: string;
      amount: string;
      date: string;
      created_at: string;
    }>(
      em,
      `select id, purchase_id, invoice_id, amount, date, created_at from invoice_adjustments
        where purchase_id = any(array[?]::uuid[]) and kind = 'REFUND' order by created_at, id`,
      [purchaseIds],
    );
    return rows.map((r) => ({
      id: r.id,
      purchaseId: r.purchase_id,
      invoiceId: r.invoice_id,
      amount: -BigInt(r.amount),
      date: r.date,
      createdAt: toDate(r.created_at),
    }));
  },

  async refunded(em: EntityManager, purchaseId: string): Promise<bigint> {
    const row = await queryOne<{ total: string | null }>(
      em,
      `select -sum(amount) as total from invoice_adjustments
        where purchase_id = ?::uuid and kind = 'REFUND'`,
      [purchaseId],
    );
    return toMinor(row?.total);
  },
};
