import { query } from '@saldo/kit';
import type { EntityManager, LocalDate } from '@saldo/kit';
import type { AccountState } from './batch-plan';
import type { EntryState } from './entry-state';

/** The stored latest versions of these entries (read after `beginWrite`'s locks, in a new snapshot). */
export async function loadEntries(
  em: EntityManager,
  schema: string,
  keys: readonly { userId: string; id: string }[],
): Promise<Map<string, EntryState>> {
  if (keys.length === 0) return new Map();
  const rows = await query<{
    id: string;
    user_id: string;
    version: number;
    day: string;
    count_currency: string | null;
    account_ids: string[];
    amounts: string[];
    currencies: string[];
  }>(
    em,
    `select id, user_id, version, day, count_currency,
            account_ids::text[] as account_ids, amounts::text[] as amounts, currencies
       from ${schema}.entries
      where (user_id, id) in (select * from unnest(?::uuid[], ?::uuid[]))`,
    [keys.map((k) => k.userId), keys.map((k) => k.id)],
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        userId: r.user_id,
        version: r.version,
        day: r.day,
        countCurrency: r.count_currency,
        postings: r.account_ids.map((accountId, i) => ({
          accountId,
          amount: BigInt(r.amounts[i]!),
          currency: r.currencies[i]!,
        })),
      },
    ]),
  );
}

/** What a writer reads after its locks (no close or erasure commits while they are held). */
export interface WriterView {
  /** Users erased: their late events are ignored. */
  erased: Set<string>;
  /** Moved on by every close: days seen not closed at one epoch stay so while it holds. */
  closeEpoch: bigint;
  /** No day after this one has ever been closed (null: none has). */
  latestClosedDay: LocalDate | null;
}

export async function writerView(
  em: EntityManager,
  userIds: readonly string[],
): Promise<WriterView> {
  const [row] = await query<{
    erased: string[] | null;
    close_epoch: string;
    latest_closed_day: string | null;
  }>(
    em,
    `select (select array_agg(user_id::text) from erased_users
              where user_id = any(?::uuid[])) as erased,
            close_epoch::text as close_epoch, latest_closed_day::text as latest_closed_day
       from projection_state`,
    [userIds],
  );
  return {
    erased: new Set(row?.erased ?? []),
    closeEpoch: BigInt(row?.close_epoch ?? 0),
    latestClosedDay: row?.latest_closed_day ?? null,
  };
}

/** Account events: a later event (by UUIDv7 id) wins; it replaces what postings implied. */
export async function upsertAccounts(
  em: EntityManager,
  schema: string,
  accounts: readonly AccountState[],
): Promise<void> {
  if (accounts.length === 0) return;
  await query(
    em,
    `insert into ${schema}.accounts as a (id, user_id, currency, initial_balance, last_event_id)
     select * from unnest(?::uuid[], ?::uuid[], ?::text[], ?::bigint[], ?::uuid[])
     on conflict (id) do update set
       user_id = excluded.user_id, currency = excluded.currency,
       initial_balance = excluded.initial_balance, last_event_id = excluded.last_event_id
     where a.last_event_id is null or a.last_event_id < excluded.last_event_id`,
    [
      accounts.map((x) => x.id),
      accounts.map((x) => x.userId),
      accounts.map((x) => x.currency),
      accounts.map((x) => x.initialBalance.toString()),
      accounts.map((x) => x.eventId),
    ],
  );
}
