import type { ConnectionValue } from '@saldo/kit';

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
