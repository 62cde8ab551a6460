import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLSchema } from 'graphql';
import { metricsPlugin, type createMetrics, type Logger } from '@saldo/kit';
import type { RouterConfig } from './config';
import type { RouterContext } from './context';
import { routerFormatError } from './errors';

/** `identity=http://...,ledger=http://...` -> map. */
export function parseUrls(value: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const pair of value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at > 0) map.set(pair.slice(0, at), pair.slice(at + 1));
  }
  return map;
}

/** The URL each subgraph was composed with, unless SUBGRAPH_URLS overrides it. */
export function subgraphUrls(
  supergraphSdl: string,
  overrides: Map<string, string>,
): Map<string, string> {
  const urls = new Map<string, string>();
  for (const match of supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)) {
    urls.set(match[1]!, overrides.get(match[1]!) ?? match[2]!);
  }
  return urls;
}

/**
 * The gateway over the supergraph, with the router's limits (graphql-armor), error
 * formatting and metrics, in an Apollo Server that is not started yet.
 */
export function createGraphqlServer(options: {
  config: RouterConfig;
  log: Logger;
  metrics: ReturnType<typeof createMetrics>;
  supergraphSdl: string;
  buildSource: (name: string, url: string) => GraphQLDataSource;
}) {
  const { config, log } = options;
  const production = config.NODE_ENV === 'production';
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => options.buildSource(name, url ?? ''),
    experimental_approximateQueryPlanStoreMiB: config.QUERY_PLAN_CACHE_MB,
    logger: log,
  });
  let apiSchema: GraphQLSchema | null = null;
  gateway.onSchemaLoadOrUpdate(({ apiSchema: schema }) => {
    apiSchema = schema;
  });

  const armor = new ApolloArmor({
    maxDepth: { n: config.MAX_DEPTH },
    maxAliases: { n: config.MAX_ALIASES },
    maxTokens: { n: config.MAX_TOKENS },
    costLimit: { maxCost: config.MAX_COST },
    maxDirectives: { n: config.MAX_DIRECTIVES },
    blockFieldSuggestion: { enabled: production },
  }).protect();

  const apollo = new ApolloServer<RouterContext>({
    gateway,
    introspection: !production,
    csrfPrevention: true,
    stopOnTerminationSignals: false, // stopOnSignals closes everything in order
    allowBatchedHttpRequests: config.ALLOW_BATCHED_REQUESTS,
    includeStacktraceInErrorResponses: false,
    validationRules: armor.validationRules,
    formatError: routerFormatError(log, config.NODE_ENV === 'development'),
    plugins: [
      ...(armor.plugins as never[]),
      ApolloServerPluginUsageReportingDisabled(),
      // Nothing here uses cache hints; the plugin would otherwise wrap every resolver.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      production
        ? ApolloServerPluginLandingPageDisabled()
        : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
      metricsPlugin<RouterContext>(options.metrics),
    ],
  });
  return { apollo, armor, apiSchema: () => apiSchema };
}
