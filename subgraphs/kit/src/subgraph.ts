import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { AnyEntity, EntityClass, MigrationObject } from '@mikro-orm/core';
import { createInternalVerifier, type Caller, type InternalVerifier } from './auth';
import { decodePem, type BaseConfig } from './config';
import { createLoaderCache, type RequestContext } from './context';
import { openDatabase, pingDatabase, poolStats, type Orm } from './db';
import { createFormatError } from './errors';
import type { Domain } from '@saldo/events';
import { EventConsumer, type ConsumerTuning, type HandlerMap } from './events/consumer';
import { Messaging } from './events/messaging';
import { OutboxRelay } from './events/relay';
import { HttpService, apolloHandler, serviceRoutes, type Handler } from './http';
import { createLogger, type Logger } from './logger';
import { createMetrics, type Metrics } from './metrics';
import { headerValue, verifyRequest } from './request-auth';
import { buildFederatedSchema, type FederatedSchemaOptions } from './schema';
import { authPlugin, metricsPlugin } from './subgraph-plugins';

export { metricsPlugin } from './subgraph-plugins';

export interface SubgraphOptions<S = unknown> {
  /** Short name: `ledger`. Database `saldo_ledger`, token audience `ledger`. */
  name: string;
  config: BaseConfig & { PORT: number };
  /** Overrides `saldo_<name>` (tests use a fresh database per file). */
  database?: string;
  entities: EntityClass<AnyEntity>[];
  migrations: MigrationObject[];
  schema: FederatedSchemaOptions;
  /** The subgraph's services, built once at start and handed to every request as `ctx.services`. */
  services?: (app: SubgraphRuntime) => S;
  /** Domains whose streams this subgraph owns (it produces their events). */
  streams?: Domain[];
  /** Handlers of events from other domains, consumed through one durable consumer. */
  handlers?: HandlerMap;
  consumer?: ConsumerTuning;
  /** Extra HTTP routes, e.g. `GET /.well-known/jwks.json`. */
  routes?: (app: SubgraphRuntime, services: S) => Record<string, Handler>;
  /** Background work (schedulers); returns what stops it. */
  background?: (
    app: SubgraphRuntime,
    services: S,
  ) => Promise<() => Promise<void>> | (() => Promise<void>);
  bodyLimitBytes?: number;
}

/** What a running subgraph exposes to its own code and to tests. */
export interface SubgraphRuntime {
  name: string;
  orm: Orm;
  messaging: Messaging;
  log: Logger;
  metrics: Metrics;
  relay: OutboxRelay;
  consumer: EventConsumer | null;
  databaseUrl: string;
  /** The verified caller of a plain HTTP request (for routes beside /graphql). */
  authenticate(req: IncomingMessage): Promise<Caller>;
}

export interface Subgraph<S = unknown> extends SubgraphRuntime {
  sdl: string;
  services: S;
  http: HttpService;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a subgraph: database (created, migrated), NATS (streams owned, outbox
 * relay, idempotent consumer), Apollo Server with the federated schema, and the
 * HTTP endpoints `/graphql`, `/health`, `/ready`, `/metrics`. If any step fails,
 * what was already opened is closed again.
 */
export async function createSubgraph<S = unknown>(
  options: SubgraphOptions<S>,
): Promise<Subgraph<S>> {
  const { config, name } = options;
  const log = createLogger(name, config.LOG_LEVEL);
  const orm = await openDatabase({
    serverUrl: config.DATABASE_URL,
    database: options.database ?? config.DATABASE_NAME ?? `saldo_${name}`,
    entities: options.entities,
    migrations: options.migrations,
    poolMax: config.DATABASE_POOL_MAX,
    log,
  });
  const cleanup: (() => Promise<void>)[] = [() => orm.close()];
  const unwind = async () => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
  };
  try {
    return await startServing(options, log, orm, cleanup);
  } catch (error) {
    await unwind();
    throw error;
  }
}

async function startServing<S>(
  options: SubgraphOptions<S>,
  log: Logger,
  orm: Orm,
  cleanup: (() => Promise<void>)[],
): Promise<Subgraph<S>> {
  const { config, name } = options;
  const messaging = await Messaging.connect({
    url: config.NATS_URL,
    name,
    namespace: config.NATS_NAMESPACE,
    log,
  });
  cleanup.push(() => messaging.close());
  for (const domain of options.streams ?? []) await messaging.ensureDomainStream(domain);
  await messaging.ensureDeadLetterStream();

  const { runtime, verify } = await createRuntime(options, log, orm, messaging);
  const services = options.services ? options.services(runtime) : (undefined as S);
  const apollo = await startApollo(options, runtime);
  cleanup.push(() => apollo.stop());
  const http = httpService(options, runtime, services, apollo, verify);

  runtime.relay.start();
  cleanup.push(() => runtime.relay.stop());
  runtime.consumer?.start();
  cleanup.push(async () => runtime.consumer?.stop());
  const stopBackground = options.background
    ? await options.background(runtime, services)
    : async () => undefined;
  cleanup.push(stopBackground);
  const address = await http.listen();
  const url = `http://127.0.0.1:${address.port}/graphql`;
  log.info({ url }, `${name} subgraph ready`);

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      log.info('shutting down');
      await http.close();
      await apollo.stop();
      await stopBackground();
      await runtime.consumer?.stop();
      await runtime.relay.stop();
      await messaging.close();
      await orm.close();
      log.info('stopped');
    })());
  return { ...runtime, services, sdl: apollo.sdl, http, url, stop };
}

async function createRuntime<S>(
  options: SubgraphOptions<S>,
  log: Logger,
  orm: Orm,
  messaging: Messaging,
): Promise<{ runtime: SubgraphRuntime; verify: InternalVerifier }> {
  const { config, name } = options;
  const metrics = createMetrics(name);
  const databaseUrl = orm.config.getClientUrl();
  const verify = await createInternalVerifier(decodePem(config.INTERNAL_JWT_PUBLIC_KEY), {
    issuer: config.INTERNAL_JWT_ISSUER,
    audience: name,
  });
  const runtime: SubgraphRuntime = {
    name,
    orm,
    messaging,
    log,
    metrics,
    databaseUrl,
    relay: new OutboxRelay({ databaseUrl, messaging, log, metrics }),
    consumer: options.handlers
      ? new EventConsumer({
          name,
          orm,
          messaging,
          log,
          metrics,
          handlers: options.handlers,
          ...options.consumer,
        })
      : null,
    authenticate: async (req) => (await verifyRequest(req, verify)).caller,
  };
  return { runtime, verify };
}

type StartedApollo = ApolloServer<RequestContext> & {
  sdl: string;
  publicFields: ReadonlySet<string>;
};

async function startApollo<S>(
  options: SubgraphOptions<S>,
  runtime: SubgraphRuntime,
): Promise<StartedApollo> {
  const { config } = options;
  const { schema, sdl, publicFields } = await buildFederatedSchema(options.schema);
  const production = config.NODE_ENV === 'production';
  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: config.EXPOSE_INTROSPECTION ?? !production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    // The kit stops everything in order (stopOnSignals); Apollo's own handler would
    // re-raise the signal and kill the process before the ORM and NATS are closed.
    stopOnTerminationSignals: false,
    formatError: createFormatError({
      exposeInternalMessages: config.NODE_ENV === 'development',
      onInternalError: (error) => runtime.log.error({ err: error }, 'internal error'),
    }),
    plugins: [
      ApolloServerPluginUsageReportingDisabled(),
      // Nothing here uses cache hints; the plugin would otherwise wrap every resolver.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      authPlugin(publicFields),
      metricsPlugin(runtime.metrics),
    ],
  });
  await apollo.start();
  return Object.assign(apollo, { sdl, publicFields });
}

function httpService<S>(
  options: SubgraphOptions<S>,
  runtime: SubgraphRuntime,
  services: S,
  apollo: ApolloServer<RequestContext>,
  verify: InternalVerifier,
): HttpService {
  const { orm, messaging, log, metrics } = runtime;
  const context = async (req: IncomingMessage): Promise<RequestContext> => {
    const requestId = headerValue(req, 'x-request-id') ?? randomUUID();
    const { caller, clientIp } = await verifyRequest(req, verify);
    return {
      caller,
      requestId,
      clientIp,
      services,
      log: log.child({ requestId, userId: caller.userId }),
      em: orm.em.fork(),
      loader: createLoaderCache(),
    };
  };
  const graphql = apolloHandler(apollo, context, {
    bodyLimit: options.bodyLimitBytes ?? 2 * 1024 * 1024,
  });
  return new HttpService({
    port: options.config.PORT,
    log,
    routes: {
      ...serviceRoutes({
        graphql,
        checks: async () => {
          const [db, nats] = await Promise.all([pingDatabase(orm), messaging.ping()]);
          return { db, nats };
        },
        metrics: metrics.registry,
        beforeScrape: () => collectGauges(runtime),
      }),
      ...options.routes?.(runtime, services),
    },
  });
}

async function collectGauges(app: SubgraphRuntime): Promise<void> {
  const pool = poolStats(app.orm);
  if (pool) {
    app.metrics.dbPool.set({ state: 'used' }, pool.used);
    app.metrics.dbPool.set({ state: 'free' }, pool.free);
    app.metrics.dbPool.set({ state: 'pending' }, pool.pending);
  }
  app.metrics.outboxBacklog.set(await app.relay.backlog().catch(() => -1));
  await app.consumer?.lag().catch(() => undefined);
}

/** Stops the subgraph cleanly on SIGTERM/SIGINT (for `main.ts`). */
export function stopOnSignals(subgraph: { stop(): Promise<void>; log: Logger }): void {
  const handler = (signal: string) => {
    subgraph.log.info({ signal }, 'signal received');
    subgraph.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        subgraph.log.error({ err: error }, 'unclean shutdown');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', handler);
  process.once('SIGINT', handler);
}
