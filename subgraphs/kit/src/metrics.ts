import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one service; exposed at GET /metrics. */
export function createMetrics(service: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    requests: new Counter({
      name: 'graphql_requests_total',
      help: 'GraphQL operations by name and outcome',
      labelNames: ['operation', 'outcome'] as const,
      registers,
    }),
    duration: new Histogram({
      name: 'graphql_request_duration_seconds',
      help: 'GraphQL operation duration by name',
      labelNames: ['operation'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    errors: new Counter({
      name: 'graphql_errors_total',
      help: 'Errors returned to clients by extensions.code',
      labelNames: ['code'] as const,
      registers,
    }),
    dbPool: new Gauge({
      name: 'db_pool_connections',
      help: 'Database pool connections by state',
      labelNames: ['state'] as const,
      registers,
    }),
    outboxBacklog: new Gauge({
      name: 'outbox_backlog',
      help: 'Outbox events committed but not yet published',
      registers,
    }),
    eventsPublished: new Counter({
      name: 'events_published_total',
      help: 'Outbox events published to JetStream',
      registers,
    }),
    relayFailures: new Counter({
      name: 'outbox_relay_failures_total',
      help: 'Relay batches that failed and were retried',
      registers,
    }),
    eventsHandled: new Counter({
      name: 'events_handled_total',
      help: 'Events consumed by outcome',
      labelNames: ['consumer', 'result'] as const,
      registers,
    }),
    consumerLag: new Gauge({
      name: 'consumer_lag',
      help: 'Messages pending or unacknowledged for a consumer',
      labelNames: ['consumer', 'stream'] as const,
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
