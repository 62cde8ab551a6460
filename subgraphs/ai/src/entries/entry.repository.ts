import type { EntrySnapshot } from '@saldo/events';
import { formatAmount, parseAmount, query, type EntityManager } from '@saldo/kit';
import type { EntryKind, LabelledExample } from '../categorise/model';

/** A posted entry with its value date, as the insight detectors read it. */
export interface DatedEntry {
  id: string;
  kind: EntryKind;
  description: string;
  amountMinor: bigint;
  currency: string;
  accountId: string;
  categoryId: string | null;
  date: string;
}

export interface EntryRow {
  id: string;
  userId: string;
  kind: EntryKind;
  description: string;
  amount: string;
  accountId: string;
  categoryId: string | null;
}

/** The read model of the ledger's entries; every read is scoped to one user. */
export const entries = {
  /** Keeps the highest version seen; an older or repeated one changes nothing. */
  async upsert(em: EntityManager, e: EntrySnapshot): Promise<void> {
    await query(
      em,
      `insert into entries (id, user_id, version, kind, description, amount, currency,
                            account_id, category_id, deleted, updated_at, date, status, source,
                            to_account_id, postings)
       values (?::uuid, ?::uuid, ?, ?, ?, ?::bigint, ?, ?::uuid, ?::uuid, ?, ?::timestamptz,
               ?::date, ?, ?, ?::uuid, ?::jsonb)
       on conflict (id) do update set
         version = excluded.version, kind = excluded.kind, description = excluded.description,
         amount = excluded.amount, currency = excluded.currency, account_id = excluded.account_id,
         category_id = excluded.category_id, deleted = excluded.deleted,
         updated_at = excluded.updated_at, date = excluded.date, status = excluded.status,
         source = excluded.source, to_account_id = excluded.to_account_id,
         postings = excluded.postings
       where entries.version < excluded.version and entries.user_id = excluded.user_id`,
      [
        e.id,
        e.userId,
        e.version,
        e.kind,
        e.description,
        parseAmount(e.amount.amount, e.amount.currency).toString(),
        e.amount.currency,
        e.accountId,
        e.categoryId,
        e.deleted,
        e.updatedAt,
        e.date,
        e.status,
        e.source,
        e.toAccountId,
        JSON.stringify(
          e.postings.map((p) => ({
            accountId: p.accountId,
            amount: parseAmount(p.amount.amount, p.amount.currency).toString(),
          })),
        ),
      ],
    );
  },

  /** The user's categorised, live entries: what the user's model learns from. */
  async labelled(em: EntityManager, userId: string): Promise<LabelledExample[]> {
    const rows = await query<{
      description: string;
      kind: EntryKind;
      amount: string;
      category_id: string;
    }>(
      em,
      `select description, kind, amount, category_id from entries
       where user_id = ?::uuid and category_id is not null and not deleted`,
      [userId],
    );
    return rows.map((r) => ({
      description: r.description,
      kind: r.kind,
      amountMinor: BigInt(r.amount),
      categoryId: r.category_id,
    }));
  },

  /** The user's live entries among `ids` (another user's ids are simply absent). */
  async byIds(em: EntityManager, userId: string, ids: readonly string[]): Promise<EntryRow[]> {
    const rows = await query<{
      id: string;
      kind: EntryKind;
      description: string;
      amount: string;
      currency: string;
      account_id: string;
      category_id: string | null;
    }>(
      em,
      `select id, kind, description, amount, currency, account_id, category_id from entries
       where user_id = ?::uuid and id = any(?::uuid[]) and not deleted`,
      [userId, ids],
    );
    return rows.map((r) => ({
      id: r.id,
      userId,
      kind: r.kind,
      description: r.description,
      amount: formatAmount(BigInt(r.amount), r.currency),
      accountId: r.account_id,
      categoryId: r.category_id,
    }));
  },

  /**
   * The account the user books this kind of entry in most (in `currency` when given), the
   * latest used on a tie; null for a user with no such entry.
   */
  async usualAccount(
    em: EntityManager,
    userId: string,
    kind: EntryKind,
    currency: string | null,
  ): Promise<{ accountId: string; currency: string } | null> {
    const [row] = await query<{ account_id: string; currency: string }>(
      em,
      `select account_id, min(currency) as currency from entries
       where user_id = ?::uuid and kind = ? and not deleted
         and (?::text is null or currency = ?::text)
       group by account_id
       order by count(*) desc, max(updated_at) desc
       limit 1`,
      [userId, kind, currency, currency],
    );
    return row ? { accountId: row.account_id, currency: row.currency } : null;
  },

  /** The user's live income and expense entries (what a rule applied to existing ones reads). */
  async categorisable(em: EntityManager, userId: string): Promise<EntryRow[]> {
    const rows = await query<{
      id: string;
      kind: EntryKind;
      description: string;
      amount: string;
      currency: string;
      account_id: string;
      category_id: string | null;
    }>(
      em,
      `select id, kind, description, amount, currency, account_id, category_id from entries
       where user_id = ?::uuid and not deleted and kind <> 'TRANSFER' order by id`,
      [userId],
    );
    return rows.map((r) => ({
      id: r.id,
      userId,
      kind: r.kind,
      description: r.description,
      amount: formatAmount(BigInt(r.amount), r.currency),
      accountId: r.account_id,
      categoryId: r.category_id,
    }));
  },

  /** The user's live, posted entries dated from `from` on, oldest first. */
  async datedSince(em: EntityManager, userId: string, from: string): Promise<DatedEntry[]> {
    const rows = await query<{
      id: string;
      kind: EntryKind;
      description: string;
      amount: string;
      currency: string;
      account_id: string;
      category_id: string | null;
      date: string;
    }>(
      em,
      `select id, kind, description, amount, currency, account_id, category_id,
              to_char(date, 'YYYY-MM-DD') as date
       from entries
       where user_id = ?::uuid and date >= ?::date and status = 'POSTED' and not deleted
       order by date, id`,
      [userId, from],
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      description: r.description,
      amountMinor: BigInt(r.amount),
      currency: r.currency,
      accountId: r.account_id,
      categoryId: r.category_id,
      date: r.date,
    }));
  },
};
