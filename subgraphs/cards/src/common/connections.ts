import {
  decodeCursor,
  paginate,
  pageSize,
  type ConnectionValue,
  type CursorKey,
  type PageRequest,
} from '@saldo/kit';

/** The same page with each node mapped (records to GraphQL objects). */
export function mapConnection<A, B>(
  page: ConnectionValue<A>,
  map: (a: A) => B,
): ConnectionValue<B> {
  return {
    edges: page.edges.map((e) => ({ cursor: e.cursor, node: map(e.node) })),
    pageInfo: page.pageInfo,
  };
}

/** Rows split by key, in the keys' order; each group keeps the rows' order. */
export function groupBy<K, T>(keys: readonly K[], rows: readonly T[], keyOf: (row: T) => K) {
  const groups = new Map<K, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((k) => groups.get(k) ?? []);
}

/**
 * `paginate` for many parents with one fetch (a DataLoader batch). `fetch` returns the
 * rows of every parent, each parent's in order and `limit` at most, as `paginate`'s fetch
 * would for that parent alone; `parentOf` tells whose a row is. Each page is then built
 * by `paginate` itself, so cursors and pageInfo are exactly a single parent's.
 */
export async function paginateEach<K, T>(
  parents: readonly K[],
  args: { first?: number | null; after?: string | null },
  ordering: string,
  keyOf: (row: T) => CursorKey,
  parentOf: (row: T) => K,
  fetch: (request: PageRequest) => Promise<T[]>,
): Promise<ConnectionValue<T>[]> {
  const size = pageSize(args.first);
  const after = args.after ? decodeCursor(ordering, args.after) : null;
  const rows = size === 0 ? [] : await fetch({ limit: size + 1, after });
  const groups = groupBy(parents, rows, parentOf);
  return Promise.all(groups.map((group) => paginate(args, ordering, keyOf, async () => group)));
}
