import { createEnvelope, currencyExponent, toMoney } from '@saldo/kit';
import type { EventData, EventType } from '@saldo/events';
import { valuesList, type SqlValue } from '@saldo/kit';

// The hot path writes its outbox rows inside its one INSERT statement (a statement is
// atomic on its own, so no BEGIN/COMMIT round trips). The rows are exactly those the
// kit's recordEvents writes: kit_outbox (id, subject, user_id, envelope), envelopes
// built and validated by the kit's createEnvelope. Everywhere else uses recordEvents.

export interface OutboxCte {
  sql: string;
  params: SqlValue[];
}

/** Envelopes of events to record only if `keyColumn` of their row is in `(select id from <cte>)`. */
export function outboxWhereInserted<T extends EventType>(
  name: string,
  insertedCte: string,
  userId: string,
  events: readonly { key: string; type: T; data: EventData<T> }[],
): OutboxCte | null {
  if (events.length === 0) return null;
  const envelopes = events.map((e) => ({
    key: e.key,
    envelope: createEnvelope(e.type, userId, e.data),
  }));
  return {
    sql: `${name} as (
      insert into kit_outbox (id, subject, user_id, envelope)
      select v.id, v.subject, ?::uuid, v.envelope
        from (values ${valuesList(envelopes.length, ['?::uuid', '?::uuid', '?', '?'])}) v(key, id, subject, envelope)
       where v.key in (select id from ${insertedCte}))`,
    params: [
      userId,
      ...envelopes.flatMap(({ key, envelope }) => [
        key,
        envelope.id,
        envelope.type,
        JSON.stringify(envelope),
      ]),
    ],
  };
}

const decimal = (column: string, exponent: string) =>
  `to_jsonb(round(${column}::numeric / power(10::numeric, ${exponent}), ${exponent})::text)`;

/**
 * `ledger.balance.changed` for each real account the statement's update (`u`, with
 * `id, balance, class`) moved by the deltas in `d` (`account_id, delta, entry_id`).
 * The balance is only known inside the statement: each envelope is made and validated
 * with zeros, then the amounts (formatted like formatAmount) and the entry id are set.
 */
export function balanceChangedCte(
  name: string,
  userId: string,
  accounts: readonly { id: string; currency: string }[],
): OutboxCte | null {
  if (accounts.length === 0) return null;
  const templates = accounts.map((a) => {
    const zero = toMoney(0n, a.currency);
    const data = { accountId: a.id, balance: zero, delta: zero, entryId: null };
    return { a, envelope: createEnvelope('ledger.balance.changed', userId, data) };
  });
  return {
    sql: `${name} as (
      insert into kit_outbox (id, subject, user_id, envelope)
      select t.id, 'ledger.balance.changed', ?::uuid,
             jsonb_set(jsonb_set(jsonb_set(t.envelope,
               '{data,balance,amount}', ${decimal('u.balance', 't.exponent')}),
               '{data,delta,amount}', ${decimal('d.delta', 't.exponent')}),
               '{data,entryId}', coalesce(to_jsonb(d.entry_id), 'null'::jsonb))::text
        from u join d on d.account_id = u.id
        join (values ${valuesList(templates.length, ['?::uuid', '?::uuid', '?::int', '?::jsonb'])})
             t(account_id, id, exponent, envelope) on t.account_id = u.id
       where u.class in ('ASSET', 'LIABILITY'))`,
    params: [
      userId,
      ...templates.flatMap(({ a, envelope }) => [
        a.id,
        envelope.id,
        currencyExponent(a.currency),
        JSON.stringify(envelope),
      ]),
    ],
  };
}
