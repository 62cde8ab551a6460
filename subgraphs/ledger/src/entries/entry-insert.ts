import type { EntityManager } from '@saldo/kit';
import { LOCK_IN_ORDER } from '../book/balances';
import { balanceChangedCte, outboxWhereInserted, type OutboxCte } from '../book/outbox-sql';
import { query, valuesList, type SqlValue } from '@saldo/kit';
import type { Draft } from './entry-input';
import {
  ENTRY_INSERT_COLUMNS,
  entryValues,
  POSTING_COLUMNS,
  postingValues,
  type PostingRow,
} from './entry-sql';
import { entrySnapshot } from './entry.model';

/** A posted entry's net change on one account. */
export interface EntryDelta {
  entryId: string;
  accountId: string;
  delta: bigint;
}

export interface InsertPlan {
  userId: string;
  drafts: readonly Draft[];
  /** Postings per entry id (posted entries only). */
  postings: ReadonlyMap<string, PostingRow[]>;
  deltas: readonly EntryDelta[];
  /** The real accounts the deltas touch, for their balance events. */
  realAccounts: readonly { id: string; currency: string }[];
}

interface Part {
  sql: string;
  params: SqlValue[];
}

function entriesPart(drafts: readonly Draft[]): Part {
  return {
    sql: `e as (
      insert into entries (id, user_id, kind, status, amount, currency, to_amount, to_currency,
        date, due_date, description, notes, tags, account_id, to_account_id, category_id, source,
        external_id, recurrence_id, occurrence_date, idempotency_key, request_hash, posted_version,
        created_at, updated_at)
      values ${valuesList(drafts.length, ENTRY_INSERT_COLUMNS)}
      on conflict do nothing returning id)`,
    params: drafts.flatMap(entryValues),
  };
}

function postingsPart(postings: readonly PostingRow[]): Part | null {
  if (postings.length === 0) return null;
  return {
    sql: `p as (
      insert into postings (entry_id, line, account_id, amount, currency, date, entry_version, reversal)
      select v.* from (values ${valuesList(postings.length, POSTING_COLUMNS)})
        v(entry_id, line, account_id, amount, currency, date, entry_version, reversal)
       where v.entry_id in (select id from e))`,
    params: postings.flatMap(postingValues),
  };
}

/** Net deltas of the entries actually inserted, and the balance update that applies them. */
function balancePart(userId: string, deltas: readonly EntryDelta[]): Part | null {
  if (deltas.length === 0) return null;
  return {
    sql: `d as (
      select v.account_id, sum(v.delta) as delta,
             case when count(distinct v.entry_id) = 1 then min(v.entry_id::text) end as entry_id
        from (values ${valuesList(deltas.length, ['?::uuid', '?::uuid', '?::bigint'])}) v(entry_id, account_id, delta)
       where v.entry_id in (select id from e) group by v.account_id),
    u as (
      update accounts a set balance = a.balance + d.delta, updated_at = now() from d
       where a.id = d.account_id and a.user_id = ?::uuid and a.id in (${LOCK_IN_ORDER})
      returning a.id, a.balance, a.class)`,
    params: [
      ...deltas.flatMap((d) => [d.entryId, d.accountId, d.delta]),
      userId,
      [...new Set(deltas.map((d) => d.accountId))],
    ],
  };
}

function createdEvents(plan: InsertPlan): OutboxCte | null {
  const events = plan.drafts.map((d) => ({
    key: d.record.id,
    type: 'ledger.entry.created' as const,
    data: { entry: entrySnapshot(d.record, plan.postings.get(d.record.id) ?? []) },
  }));
  return outboxWhereInserted('oe', 'e', plan.userId, events);
}

/**
 * One statement, atomic on its own: the entries, their postings, the balances (accounts
 * locked in id order; the overdraft CHECK applies) and the outbox rows of
 * `ledger.entry.created` and `ledger.balance.changed`. An entry whose idempotency key,
 * external id or occurrence is taken is skipped with everything that depends on it.
 * Returns the ids inserted.
 */
export async function insertEntries(em: EntityManager, plan: InsertPlan): Promise<Set<string>> {
  const parts = [
    entriesPart(plan.drafts),
    postingsPart([...plan.postings.values()].flat()),
    balancePart(plan.userId, plan.deltas),
    createdEvents(plan),
    plan.deltas.length > 0 ? balanceChangedCte('ob', plan.userId, plan.realAccounts) : null,
  ].filter((part): part is Part => part !== null);
  const rows = await query<{ id: string }>(
    em,
    `with ${parts.map((p) => p.sql).join(',\n')}
     select id from e`,
    parts.flatMap((p) => p.params),
  );
  return new Set(rows.map((r) => r.id));
}
