import type { EventData } from '@saldo/events';
import { parseAmount, query, type EntityManager, type LocalDate } from '@saldo/kit';
import type { EntryKind } from '../categorise/model';
import type { InvoiceDue, LedgerRow } from './forecast';

export interface AccountRow {
  id: string;
  name: string;
  type: string;
  currency: string;
  archived: boolean;
}

type AccountData = EventData<'ledger.account.created'>['account'];
type InvoiceData = EventData<'cards.invoice.updated'>;

/** Money as it can be spent today: what the all-accounts forecast adds up. */
export const LIQUID_TYPES: ReadonlySet<string> = new Set(['CHECKING', 'SAVINGS', 'CASH', 'WALLET']);

/** Invoices still to pay (an OPEN one still grows: its total so far is a lower bound). */
const UNPAID = ['OPEN', 'CLOSED', 'PARTIALLY_PAID', 'OVERDUE'];

/** The forecast's read model: accounts and card invoices; every read scoped to one user. */
export const forecastData = {
  /** Keeps the newest state seen (by the event's time). */
  async upsertAccount(em: EntityManager, a: AccountData, seenAt: string): Promise<void> {
    await query(
      em,
      `insert into accounts (id, user_id, name, type, currency, initial_balance, archived, seen_at)
       values (?::uuid, ?::uuid, ?, ?, ?, ?::bigint, ?, ?::timestamptz)
       on conflict (id) do update set
         name = excluded.name, type = excluded.type, currency = excluded.currency,
         initial_balance = excluded.initial_balance, archived = excluded.archived,
         seen_at = excluded.seen_at
       where accounts.seen_at <= excluded.seen_at and accounts.user_id = excluded.user_id`,
      [
        a.id,
        a.userId,
        a.name,
        a.type,
        a.currency,
        parseAmount(a.initialBalance.amount, a.initialBalance.currency).toString(),
        a.archived,
        seenAt,
      ],
    );
  },

  async upsertInvoice(
    em: EntityManager,
    userId: string,
    inv: InvoiceData,
    seenAt: string,
  ): Promise<void> {
    const cur = inv.total.currency;
    // Payments on their way to the ledger count as paid: they are booked soon.
    const paid =
      parseAmount(inv.paidAmount.amount, cur) + parseAmount(inv.pendingAmount.amount, cur);
    await query(
      em,
      `insert into card_invoices (id, user_id, card_id, month, status, due_date, total, paid,
                                  currency, seen_at)
       values (?::uuid, ?::uuid, ?::uuid, ?, ?, ?::date, ?::bigint, ?::bigint, ?, ?::timestamptz)
       on conflict (id) do update set
         status = excluded.status, due_date = excluded.due_date, total = excluded.total,
         paid = excluded.paid, currency = excluded.currency, seen_at = excluded.seen_at
       where card_invoices.seen_at <= excluded.seen_at
         and card_invoices.user_id = excluded.user_id`,
      [
        inv.invoiceId,
        userId,
        inv.cardId,
        inv.month,
        inv.status,
        inv.dueDate,
        parseAmount(inv.total.amount, cur).toString(),
        paid.toString(),
        cur,
        seenAt,
      ],
    );
  },

  async accounts(em: EntityManager, userId: string): Promise<AccountRow[]> {
    return query<AccountRow>(
      em,
      `select id, name, type, currency, archived from accounts
       where user_id = ?::uuid order by name, id`,
      [userId],
    );
  },

  /** Initial balances plus every posting of the user's live, posted entries on `accountIds`. */
  async balance(em: EntityManager, userId: string, accountIds: readonly string[]): Promise<bigint> {
    const [row] = await query<{ balance: string }>(
      em,
      `select (select coalesce(sum(initial_balance), 0) from accounts
                where user_id = ?::uuid and id = any(?::uuid[]))
            + (select coalesce(sum((p->>'amount')::bigint), 0)
                 from entries e, jsonb_array_elements(e.postings) p
                where e.user_id = ?::uuid and not e.deleted and e.status = 'POSTED'
                  and (p->>'accountId')::uuid = any(?::uuid[])) as balance`,
      [userId, accountIds, userId, accountIds],
    );
    return BigInt(row?.balance ?? '0');
  },

  /** Pending entries, and posted ones dated from `from` on, oldest first. */
  async rows(em: EntityManager, userId: string, from: LocalDate): Promise<LedgerRow[]> {
    const rows = await query<{
      id: string;
      kind: EntryKind;
      status: 'POSTED' | 'PENDING';
      source: string;
      description: string;
      amount: string;
      currency: string;
      account_id: string;
      to_account_id: string | null;
      category_id: string | null;
      date: string;
      postings: { accountId: string; amount: string }[];
    }>(
      em,
      `select id, kind, status, source, description, amount, currency, account_id,
              to_account_id, category_id, to_char(date, 'YYYY-MM-DD') as date, postings
       from entries
       where user_id = ?::uuid and not deleted and date is not null
         and (status = 'PENDING' or date >= ?::date)
       order by date, id`,
      [userId, from],
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      source: r.source,
      description: r.description,
      amountMinor: BigInt(r.amount),
      currency: r.currency,
      accountId: r.account_id,
      toAccountId: r.to_account_id,
      categoryId: r.category_id,
      date: r.date,
      postings: r.postings.map((p) => ({ accountId: p.accountId, amountMinor: BigInt(p.amount) })),
    }));
  },

  async invoicesDue(
    em: EntityManager,
    userId: string,
    currency: string,
    until: LocalDate,
  ): Promise<InvoiceDue[]> {
    const rows = await query<{ id: string; month: string; due_date: string; remaining: string }>(
      em,
      `select id, month, to_char(due_date, 'YYYY-MM-DD') as due_date, total - paid as remaining
       from card_invoices
       where user_id = ?::uuid and currency = ? and status = any(?::text[])
         and due_date <= ?::date and total > paid
       order by due_date, id`,
      [userId, currency, UNPAID, until],
    );
    return rows.map((r) => ({
      id: r.id,
      month: r.month,
      dueDate: r.due_date,
      remainingMinor: BigInt(r.remaining),
    }));
  },
};
