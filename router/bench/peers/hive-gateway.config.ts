// bench:router peer (c): the Hive Gateway CLI's config file (`hive-gateway supergraph <file>
// -c dist/bench/peers/hive-gateway.config.js --hive-router-runtime --fork N`). Only what the
// bench needs to reach our subgraphs: each subgraph request carries a pre-minted internal token
// for the bench user as a static header (the subgraphs accept nothing else). Everything else is
// Hive Gateway's default, unless SUBGRAPH_DEDUPE=false turns off its (default on) deduplication
// of identical in-flight subgraph queries.
//   SUBGRAPH_TOKENS  JSON { subgraphName: internalToken }
//
// Typed locally rather than with @graphql-hive/gateway's types: those bring in GraphQL Yoga's
// global augmentation of GraphQLError extensions, which clashes with Apollo Server's in this
// project's type check.

interface HiveTransportEntry {
  headers: [string, string][];
  options?: { deduplicateInflightRequests: boolean };
}

const tokens = JSON.parse(process.env['SUBGRAPH_TOKENS'] ?? '{}') as Record<string, string>;
const dedupe = process.env['SUBGRAPH_DEDUPE'] !== 'false';

export const gatewayConfig: { transportEntries: Record<string, HiveTransportEntry> } = {
  transportEntries: Object.fromEntries(
    Object.entries(tokens).map(([name, token]) => [
      name,
      {
        headers: [['authorization', `Bearer ${token}`]],
        ...(dedupe ? {} : { options: { deduplicateInflightRequests: false } }),
      },
    ]),
  ),
};
