import { newId, type EntityManager, type PageRequest } from '@saldo/kit';
import { query, queryOne, valuesList } from '@saldo/kit';
import type { CardRecord } from '../cards/card.model';
import { cycleDates, type InvoiceDates } from './invoice-cycle';
import { InvoiceStatus } from './invoice-state';
import {
  INVOICE_SELECT,
  toInvoiceRecord,
  type InvoiceRecord,
  type InvoiceRow,
} from './invoice.model';

/** SQL for invoices; reads are scoped by user id. */
export const invoiceRepository = {
  async byId(em: EntityManager, userId: string, id: string): Promise<InvoiceRecord | null> {
    const row = await queryOne<InvoiceRow>(
      em,
      `${INVOICE_SELECT} where i.user_id = ?::uuid and i.id = ?::uuid`,
      [userId, id],
    );
    return row ? toInvoiceRecord(row) : null;
  },

  async byIds(em: EntityManager, userId: string, ids: readonly string[]): Promise<InvoiceRecord[]> {
    if (ids.length === 0) return [];
    const rows = await query<InvoiceRow>(
      em,
      `${INVOICE_SELECT} where i.user_id = ?::uuid and i.id = any(array[?]::uuid[])`,
      [userId, ids],
    );
    return rows.map(toInvoiceRecord);
  },

  async byMonth(em: EntityManager, cardId: string, month: string): Promise<InvoiceRecord | null> {
    const row = await queryOne<InvoiceRow>(
      em,
      `${INVOICE_SELECT} where i.card_id = ?::uuid and i.month = ?`,
      [cardId, month],
    );
    return row ? toInvoiceRecord(row) : null;
  },

  /** Stored dates of a card's invoices around `months` (they beat the arithmetic). */
  async datesAround(em: EntityManager, cardId: string, months: readonly string[]) {
    const rows = await query<{ month: string; closing_date: string; due_date: string }>(
      em,
      `select month, closing_date, due_date from invoices
        where card_id = ?::uuid and month = any(array[?]::text[])`,
      [cardId, months],
    );
    return new Map<string, InvoiceDates>(
      rows.map((r) => [r.month, { closingDate: r.closing_date, dueDate: r.due_date }]),
    );
  },

  /** The card's first invoice month (the one current when it was created). */
  async firstMonth(em: EntityManager, cardId: string): Promise<string | null> {
    const row = await queryOne<{ month: string | null }>(
      em,
      'select min(month) as month from invoices where card_id = ?::uuid',
      [cardId],
    );
    return row?.month ?? null;
  },

  /** The earliest open invoice: the one purchases are being added to. */
  async current(em: EntityManager, cardIds: readonly string[]): Promise<InvoiceRecord[]> {
    const rows = await query<InvoiceRow>(
      em,
      `${INVOICE_SELECT} where i.id in (
         select distinct on (card_id) id from invoices
          where card_id = any(array[?]::uuid[]) and status = 'OPEN' order by card_id, month)`,
      [cardIds],
    );
    return rows.map(toInvoiceRecord);
  },

  /**
   * A page of each card's invoices, newest month first (keyset on month, id), in one
   * statement: per card the same filter, order and limit as a query for that card alone.
   * Rows come card by card, in the order of `cardIds`.
   */
  async pagesOfCards(
    em: EntityManager,
    userId: string,
    cardIds: readonly string[],
    status: InvoiceStatus | null,
    page: PageRequest,
  ): Promise<InvoiceRecord[]> {
    const [month, id] = page.after ?? [null, null];
    const rows = await query<InvoiceRow>(
      em,
      `select p.* from unnest(array[?]::uuid[]) with ordinality as k(parent_id, n)
        cross join lateral (${INVOICE_SELECT}
          where i.user_id = ?::uuid and i.card_id = k.parent_id
            and (?::text is null or i.status = ?::text)
            and (?::text is null or (i.month, i.id) < (?::text, ?::uuid))
          order by i.month desc, i.id desc limit ?) p
        order by k.n, p.month desc, p.id desc`,
      [
        cardIds,
        userId,
        status,
        status,
        month as string | null,
        month as string | null,
        id as string | null,
        page.limit,
      ],
    );
    return rows.map(toInvoiceRecord);
  },

  /**
   * Makes sure the card has an invoice for each month (dates by the card's days),
   * and returns the ids by month. Caller holds the card's lock.
   */
  async ensure(
    em: EntityManager,
    card: CardRecord,
    months: readonly string[],
  ): Promise<Map<string, string>> {
    const unique = [...new Set(months)];
    const values = unique.flatMap((month) => {
      const dates = cycleDates(month, card);
      return [newId(), card.userId, card.id, month, dates.closingDate, dates.dueDate];
    });
    await query(
      em,
      `insert into invoices (id, user_id, card_id, month, closing_date, due_date, status)
       select v.id, v.user_id, v.card_id, v.month, v.closing_date, v.due_date, '${InvoiceStatus.OPEN}'
         from (values ${valuesList(unique.length, ['?::uuid', '?::uuid', '?::uuid', '?', '?::date', '?::date'])})
              v(id, user_id, card_id, month, closing_date, due_date)
       on conflict (card_id, month) do nothing`,
      values,
    );
    const rows = await query<{ id: string; month: string }>(
      em,
      'select id, month from invoices where card_id = ?::uuid and month = any(array[?]::text[])',
      [card.id, unique],
    );
    return new Map(rows.map((r) => [r.month, r.id]));
  },

  async setStatus(em: EntityManager, id: string, status: InvoiceStatus): Promise<void> {
    await query(em, 'update invoices set status = ?, updated_at = now() where id = ?::uuid', [
      status,
      id,
    ]);
  },

  async setDates(em: EntityManager, id: string, dates: InvoiceDates): Promise<void> {
    await query(
      em,
      `update invoices set closing_date = ?::date, due_date = ?::date, dates_adjusted = true,
         updated_at = now() where id = ?::uuid`,
      [dates.closingDate, dates.dueDate, id],
    );
  },

  async markClosed(em: EntityManager, id: string, at: Date): Promise<void> {
    await query(
      em,
      'update invoices set closed_at = ?::timestamptz, updated_at = now() where id = ?::uuid',
      [at.toISOString(), id],
    );
  },

  async markDueSoonSent(em: EntityManager, id: string, at: Date): Promise<void> {
    await query(
      em,
      'update invoices set due_soon_sent_at = ?::timestamptz, updated_at = now() where id = ?::uuid',
      [at.toISOString(), id],
    );
  },
};
