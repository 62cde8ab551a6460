import { newId, type EntityManager } from '@saldo/kit';
import { query, valuesList } from '@saldo/kit';
import { nominalKeyString, type NominalKey } from './postings';

interface NominalRow extends Record<string, unknown> {
  id: string;
  class: NominalKey['class'];
  currency: string;
  category_id: string | null;
}

export function nominalRowKey(row: NominalRow): string {
  return nominalKeyString({
    class: row.class,
    currency: row.currency,
    categoryId: row.category_id,
  });
}

/**
 * Creates the nominal accounts that do not exist yet (on first use of a category in a
 * currency) and returns every requested one, key -> id. Safe under races: the unique
 * index `accounts_nominal` makes a concurrent creation a no-op.
 */
export async function ensureNominals(
  em: EntityManager,
  userId: string,
  keys: readonly NominalKey[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (keys.length === 0) return found;
  const params = keys.flatMap((k) => [
    newId(),
    userId,
    k.class,
    `${k.class} ${k.currency}`,
    k.currency,
    k.categoryId,
  ]);
  await query(
    em,
    `insert into accounts (id, user_id, class, name, currency, category_id)
     values ${valuesList(keys.length, ['?::uuid', '?::uuid', '?', '?', '?', '?::uuid'])}
     on conflict do nothing`,
    params,
  );
  const rows = await query<NominalRow>(
    em,
    `select id, class, currency, category_id from accounts
      where user_id = ?::uuid and class in ('INCOME', 'EXPENSE', 'EQUITY')
        and (category_id is null or category_id = any(array[?]::uuid[]))`,
    [userId, keys.flatMap((k) => (k.categoryId ? [k.categoryId] : []))],
  );
  for (const row of rows) found.set(nominalRowKey(row), row.id);
  return found;
}
