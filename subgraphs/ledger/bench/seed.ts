import { newId, type EntityManager } from '@saldo/kit';
import { query } from '@saldo/kit';

export interface Seeded {
  accountIds: string[];
  categoryIds: string[];
}

/**
 * Seeds `count` posted entries for one user straight in SQL (generate_series): three
 * accounts, four expense and one income category, ten years of dates, postings included
 * so the rows look like what the API writes. Balances are set from the postings at the end.
 */
export async function seedEntries(
  em: EntityManager,
  userId: string,
  count: number,
): Promise<Seeded> {
  return em.transactional((tx) => seed(tx, userId, count));
}

async function seed(em: EntityManager, userId: string, count: number): Promise<Seeded> {
  const accountIds = [newId(), newId(), newId()];
  const categoryIds = [newId(), newId(), newId(), newId(), newId()];
  const nominalIds = categoryIds.map(() => newId());
  for (const [i, id] of accountIds.entries()) {
    await query(
      em,
      `insert into accounts (id, user_id, class, type, name, currency) values (?::uuid, ?::uuid, 'ASSET', 'CHECKING', ?, 'BRL')`,
      [id, userId, `Conta ${i}`],
    );
  }
  for (const [i, id] of categoryIds.entries()) {
    const kind = i === 4 ? 'INCOME' : 'EXPENSE';
    await query(
      em,
      'insert into categories (id, user_id, name, kind) values (?::uuid, ?::uuid, ?, ?)',
      [id, userId, `Cat ${i}`, kind],
    );
    await query(
      em,
      `insert into accounts (id, user_id, class, name, currency, category_id) values (?::uuid, ?::uuid, ?, 'n', 'BRL', ?::uuid)`,
      [nominalIds[i]!, userId, kind, id],
    );
  }
  await query(em, 'set local synchronous_commit = off');
  // uuid ids ordered by time like UUIDv7: a timestamp prefix then the series number.
  await query(
    em,
    `insert into entries (id, user_id, kind, status, amount, currency, date, description, tags,
        account_id, category_id, source, posted_version, created_at, updated_at)
     select (lpad(to_hex(g), 12, '0') || '7000' || '8000' || lpad(to_hex(g), 12, '0'))::uuid,
            ?::uuid, case when g % 5 = 4 then 'INCOME' else 'EXPENSE' end, 'POSTED',
            100 + (g::bigint * 7919) % 100000, 'BRL', date '2015-01-01' + (g % 3650), 'Compra ' || g,
            case when g % 7 = 0 then array['mercado'] else '{}' end,
            (array[?, ?, ?]::uuid[])[1 + g % 3], (array[?, ?, ?, ?, ?]::uuid[])[1 + g % 5],
            'MANUAL', 1, now(), now()
       from generate_series(1, ?::int) g`,
    [userId, ...accountIds, ...categoryIds, count],
  );
  await query(
    em,
    `insert into postings (entry_id, line, account_id, amount, currency, date, entry_version)
     select e.id, l.line, case l.line when 1 then e.account_id else n.id end,
            case when (e.kind = 'INCOME') = (l.line = 1) then e.amount else -e.amount end,
            'BRL', e.date, 1
       from entries e join accounts n on n.category_id = e.category_id
      cross join (values (1), (2)) l(line)
      where e.user_id = ?::uuid`,
    [userId],
  );
  await query(
    em,
    `update accounts a set balance = coalesce((select sum(amount) from postings p where p.account_id = a.id), 0)
      where a.user_id = ?::uuid`,
    [userId],
  );
  return { accountIds, categoryIds };
}
