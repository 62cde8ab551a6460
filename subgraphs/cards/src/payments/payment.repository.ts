import type { EntityManager } from '@saldo/kit';
import { query, queryOne } from '@saldo/kit';
import {
  PAYMENT_SELECT,
  toPaymentRecord,
  type PaymentRecord,
  type PaymentRow,
  type PaymentStatus,
} from './payment.model';

/** SQL for payments; every statement is scoped by user id. */
export const paymentRepository = {
  async byId(em: EntityManager, userId: string, id: string): Promise<PaymentRecord | null> {
    const row = await queryOne<PaymentRow>(
      em,
      `${PAYMENT_SELECT} where p.user_id = ?::uuid and p.id = ?::uuid`,
      [userId, id],
    );
    return row ? toPaymentRecord(row) : null;
  },

  async byKey(em: EntityManager, userId: string, key: string): Promise<PaymentRecord | null> {
    const row = await queryOne<PaymentRow>(
      em,
      `${PAYMENT_SELECT} where p.user_id = ?::uuid and p.idempotency_key = ?`,
      [userId, key],
    );
    return row ? toPaymentRecord(row) : null;
  },

  async ofInvoices(
    em: EntityManager,
    userId: string,
    invoiceIds: readonly string[],
  ): Promise<PaymentRecord[]> {
    if (invoiceIds.length === 0) return [];
    const rows = await query<PaymentRow>(
      em,
      `${PAYMENT_SELECT} where p.user_id = ?::uuid and p.invoice_id = any(array[?]::uuid[])
        order by p.created_at, p.id`,
      [userId, invoiceIds],
    );
    return rows.map(toPaymentRecord);
  },

  /** Inserts unless the idempotency key is taken; returns whether a row was written. */
  async insert(em: EntityManager, p: PaymentRecord): Promise<boolean> {
    const rows = await query<{ id: string }>(
      em,
      `insert into payments (id, user_id, card_id, invoice_id, from_account_id, amount, date, status,
         idempotency_key, request_hash, created_at, updated_at)
       values (?::uuid, ?::uuid, ?::uuid, ?::uuid, ?::uuid, ?::bigint, ?::date, ?, ?, ?,
         ?::timestamptz, ?::timestamptz)
       on conflict do nothing returning id`,
      [
        p.id,
        p.userId,
        p.cardId,
        p.invoiceId,
        p.fromAccountId,
        p.amount,
        p.date,
        p.status,
        p.idempotencyKey,
        p.requestHash,
        p.createdAt.toISOString(),
        p.createdAt.toISOString(),
      ],
    );
    return rows.length === 1;
  },

  /** Settles a pending payment; false if it was no longer pending. */
  async settle(
    em: EntityManager,
    id: string,
    status: PaymentStatus,
    answer: { entryId?: string; code?: string; reason?: string },
  ): Promise<boolean> {
    const rows = await query<{ id: string }>(
      em,
      `update payments set status = ?, ledger_entry_id = ?::uuid, failure_code = ?,
         failure_reason = ?, updated_at = now()
       where id = ?::uuid and status = 'PENDING' returning id`,
      [status, answer.entryId ?? null, answer.code ?? null, answer.reason ?? null, id],
    );
    return rows.length === 1;
  },
};
