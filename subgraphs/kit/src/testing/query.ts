import type { Orm } from '../db';

/** Where a test reads a subgraph's database: its ORM, a running subgraph, or a TestSubgraph. */
export type DbSource = Orm | { orm: Orm } | { subgraph: { orm: Orm } };

export function ormOf(source: DbSource): Orm {
  if ('subgraph' in source) return source.subgraph.orm;
  if ('orm' in source) return source.orm;
  return source;
}

/**
 * Raw SQL for assertions and for ageing rows, with `?` placeholders (values are inlined
 * by MikroORM, as `em.execute` does): `testQuery(t, 'select 1 from users where id = ?', [id])`.
 */
export function testQuery<T = Record<string, unknown>>(
  source: DbSource,
  text: string,
  params: readonly unknown[] = [],
): Promise<T[]> {
  return ormOf(source)
    .em.getConnection()
    .execute<T[]>(text, [...params]);
}

/** `?, ?, ?`: one placeholder per value, for `in (...)` lists. */
export const placeholders = (count: number): string =>
  Array.from({ length: count }, () => '?').join(', ');
