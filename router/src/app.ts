import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { ExecutionResult } from 'graphql';
import { Gauge } from 'prom-client';
import {
  apolloHandler,
  createLogger,
  createMetrics,
  decodePem,
  HttpService,
  Messaging,
  Scope,
  serviceRoutes,
  type Logger,
} from '@saldo/kit';
import { createAccessTokenVerifier } from './auth/access-tokens';
import { createApiKeyVerifier } from './auth/api-keys';
import { createAuthenticator } from './auth/authenticate';
import { createInternalTokenMinter } from './auth/internal-tokens';
import { SUPERGRAPH_FILE } from './compose';
import type { RouterConfig } from './config';
import type { RouterContext } from './context';
import { DASHBOARD_DIST, withDashboard } from './dashboard';
import { boletoDownloadRoute } from './downloads';
import { SubgraphDataSource } from './data-source';
import { createGraphqlServer, parseUrls, subgraphUrls } from './graphql-server';
import { LiveHub } from './live/hub';
import { liveSpecs } from './live/live-fields';
import { attachSubscriptionServer } from './live/ws-server';
import { RateLimiter } from './rate-limit';
import { Resources } from './resources';
import { uploadsRoute } from './uploads';

export interface Router {
  url: string;
  port: number;
  log: Logger;
  /** What the live (WebSocket) side holds now: for gauges and tests. */
  live: {
    readonly sockets: number;
    readonly subscriptions: number;
    /** Resolves once NATS has every subscription made so far (a round trip to it). */
    flush(): Promise<void>;
  };
  /** Closes everything the router opened, last opened first. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts the router. Everything it opens is registered in `resources` as it opens, so
 * a start that fails half-way closes what it had opened (then rethrows), and `stop()`
 * closes it all in reverse order.
 */
export function startRouter(config: RouterConfig): Promise<Router> {
  const log = createLogger('router', config.LOG_LEVEL);
  return Resources.start(log, (resources) => start(config, log, resources));
}

async function start(config: RouterConfig, log: Logger, resources: Resources): Promise<Router> {
  const metrics = createMetrics('router');
  const supergraphSdl = readFileSync(config.SUPERGRAPH_PATH ?? SUPERGRAPH_FILE, 'utf8');
  const urls = subgraphUrls(supergraphSdl, parseUrls(config.SUBGRAPH_URLS));
  const identityBase = (urls.get('identity') ?? 'http://127.0.0.1:4001/graphql').replace(
    /\/graphql$/,
    '',
  );

  const mint = await createInternalTokenMinter(
    decodePem(config.INTERNAL_JWT_PRIVATE_KEY),
    config.INTERNAL_JWT_ISSUER,
    config.INTERNAL_TOKEN_TTL_SECONDS,
  );
  const authenticate = createAuthenticator(
    createAccessTokenVerifier({
      jwksUrl: `${identityBase}/.well-known/jwks.json`,
      issuer: config.ACCESS_TOKEN_ISSUER,
      audience: config.ACCESS_TOKEN_AUDIENCE,
    }),
    createApiKeyVerifier({
      identityUrl: identityBase,
      cacheSeconds: config.API_KEY_CACHE_SECONDS,
      mint,
    }),
  );
  const limiter = new RateLimiter(config.RATE_LIMIT_PER_SECOND, config.RATE_LIMIT_BURST);

  const dataSources = resources.add('subgraph pools', [] as SubgraphDataSource[], (sources) =>
    Promise.all(sources.map((d) => d.close())),
  );
  const messaging = resources.add(
    'nats',
    await Messaging.connect({
      url: config.NATS_URL,
      name: 'router',
      namespace: config.NATS_NAMESPACE,
      log,
    }),
    (m) => m.close(),
  );
  const hub = resources.add('live hub', new LiveHub(messaging, log), (h) => h.close());
  const { apollo, armor, apiSchema } = createGraphqlServer({
    config,
    log,
    metrics,
    supergraphSdl,
    buildSource: (name, url) => {
      const source = new SubgraphDataSource(
        name,
        urls.get(name) ?? url,
        mint,
        config.SUBGRAPH_CONNECTIONS,
        config.DEDUPE_SUBGRAPH_READS,
      );
      dataSources.push(source);
      return source;
    },
  });
  await apollo.start();
  resources.add('apollo', apollo, (a) => a.stop());

  const context = async (req: IncomingMessage): Promise<RouterContext> => {
    const caller = await authenticate(req.headers.authorization);
    const clientIp = req.socket.remoteAddress ?? null;
    limiter.take(caller.userId ?? `ip:${clientIp ?? ''}`);
    const requestId = req.headers['x-request-id'];
    return {
      caller,
      requestId: typeof requestId === 'string' ? requestId : randomUUID(),
      clientIp,
      extraScopes: [],
    };
  };

  const execute = async (
    query: string,
    variables: Record<string, unknown>,
    contextValue: RouterContext,
  ) => {
    const response = await apollo.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('incremental delivery is not used here');
    return response.body.singleResult as ExecutionResult;
  };

  const graphql = apolloHandler(apollo, context, { bodyLimit: config.BODY_LIMIT_BYTES });
  const uploads = resources.add(
    'uploads',
    uploadsRoute({
      targets: {
        import: {
          url: urls.get('import')?.replace(/\/graphql$/, '') ?? null,
          scope: Scope.IMPORT_WRITE,
          maxBytes: config.UPLOAD_MAX_BYTES,
        },
        billing: {
          url: urls.get('billing')?.replace(/\/graphql$/, '') ?? null,
          scope: Scope.BILLING_WRITE,
          maxBytes: config.BILLING_UPLOAD_MAX_BYTES,
        },
      },
      authenticate,
      mint,
      rateLimit: (key) => limiter.take(key),
      log,
    }),
    (u) => u.close(),
  );
  const boletos = resources.add(
    'boleto-downloads',
    boletoDownloadRoute({
      billingUrl: urls.get('billing')?.replace(/\/graphql$/, '') ?? null,
      authenticate,
      mint,
      rateLimit: (key) => limiter.take(key),
      log,
    }),
    (d) => d.close(),
  );
  const http = new HttpService({
    port: config.PORT,
    log,
    // The built dashboard (clients/dashboard/dist) at `/`, same origin as /graphql.
    routes: withDashboard(
      {
        ...serviceRoutes({
          graphql,
          checks: async () => ({ nats: await messaging.ping(), supergraph: apiSchema() !== null }),
          metrics: metrics.registry,
        }),
        'POST /uploads': uploads.handler,
        'GET /billing/charges/:id/boleto.pdf': boletos.handler,
      },
      config.DASHBOARD_DIR ?? DASHBOARD_DIST,
    ),
  });
  resources.add('http', http, (h) => (h.server.listening ? h.close() : undefined));

  const subscriptions = resources.add(
    'websockets',
    attachSubscriptionServer({
      server: http.server,
      path: '/graphql',
      schema: () => {
        const schema = apiSchema();
        if (!schema) throw new Error('supergraph not loaded');
        return schema;
      },
      specs: liveSpecs(supergraphSdl),
      hub,
      authenticate: (authorization) => authenticate(authorization),
      execute,
      rateLimit: (key) => limiter.take(key),
      validationRules: armor.validationRules,
      bufferLimit: config.SUBSCRIPTION_BUFFER,
      maxBufferedBytes: config.WS_MAX_BUFFERED_BYTES,
      log,
    }),
    (s) => s.close(),
  );
  new Gauge({
    name: 'router_websockets',
    help: 'Open graphql-ws connections',
    registers: [metrics.registry],
    collect() {
      this.set(subscriptions.sockets);
    },
  });
  new Gauge({
    name: 'router_subscriptions',
    help: 'Active live subscriptions',
    registers: [metrics.registry],
    collect() {
      this.set(hub.listeners);
    },
  });

  const address = await http.listen();
  const url = `http://127.0.0.1:${address.port}/graphql`;
  log.info({ url, subgraphs: Object.fromEntries(urls) }, 'router ready');

  return {
    url,
    port: address.port,
    log,
    live: {
      get sockets() {
        return subscriptions.sockets;
      },
      get subscriptions() {
        return hub.listeners;
      },
      flush: () => messaging.nc.flush(),
    },
    stop: () => resources.close(),
  };
}
