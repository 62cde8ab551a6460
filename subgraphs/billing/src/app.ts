import {
  createSubgraph,
  EventConsumer,
  FileSweeper,
  fileUploadRoute,
  Scope,
  systemClock,
  type Clock,
  type Subgraph,
  type SubgraphRuntime,
} from '@saldo/kit';
import { migrations } from '../migrations';
import { BatchWorker } from './batches/batch.worker';
import { OverdueSweeper } from './charges/overdue.sweeper';
import { entities } from './entities';
import { billingFiles } from './files/file.store';
import { boletoPdfRoute } from './links/boleto-pdf.route';
import { billingSettings, type BillingConfig, type Settings } from './config';
import { schemaOptions } from './schema';
import { createHandlers, createServices, type BillingServices } from './services';

/**
 * The batch workers: two durable consumers of billing's own stream, shared by every replica
 * (so each event goes to one of them), one message at a time per slot: the planner splits
 * files, the chunk consumer processes chunks. Kept apart from the subgraph's consumer so a
 * long chunk never holds up the delivery outcomes and ledger answers.
 */
function startWorkers(
  runtime: SubgraphRuntime,
  settings: Settings,
  services: BillingServices,
): () => Promise<void> {
  const worker = new BatchWorker({
    orm: runtime.orm,
    settings,
    pdfUrl: (id) => services.charges.pdfUrl(id),
  });
  const common = {
    orm: runtime.orm,
    messaging: runtime.messaging,
    metrics: runtime.metrics,
    batchSize: 1,
    lingerMs: 0,
    maxDeliver: 10,
    backoffMs: [500, 2000, 5000, 15_000],
    ackWaitMs: settings.BILLING_CHUNK_ACK_WAIT_MS,
  };
  const consumers = [
    new EventConsumer({
      ...common,
      name: 'billing-planner',
      log: runtime.log.child({ component: 'batch-planner' }),
      handlers: { 'billing.batch.received': (e, ctx) => worker.plan(e, ctx) },
    }),
    new EventConsumer({
      ...common,
      name: 'billing-chunks',
      log: runtime.log.child({ component: 'batch-chunks' }),
      concurrency: settings.BILLING_WORKER_CONCURRENCY,
      handlers: { 'billing.batch_chunk.split': (e, ctx) => worker.chunk(e, ctx) },
    }),
  ];
  for (const c of consumers) c.start();
  return async () => {
    await Promise.all(consumers.map((c) => c.stop()));
  };
}

export type BillingSubgraph = Subgraph<BillingServices>;

export interface StartOptions {
  clock?: Clock;
}

/**
 * Starts the billing subgraph: its database and migrations, the BILLING stream it owns,
 * the consumer of identity's user events, notifications' delivery outcomes and the
 * ledger's payment answers, and the GraphQL API. `database` overrides `saldo_billing`.
 */
export async function startBilling(
  config: BillingConfig,
  database?: string,
  options: StartOptions = {},
): Promise<BillingSubgraph> {
  const settings = billingSettings(config);
  const clock = options.clock ?? systemClock;
  const services = createServices(settings, clock);
  return createSubgraph<BillingServices>({
    name: 'billing',
    config,
    database,
    entities,
    migrations,
    schema: schemaOptions,
    streams: ['billing'],
    services: () => services,
    handlers: createHandlers(),
    routes: (runtime) => ({
      'GET /charges/:id/boleto.pdf': boletoPdfRoute(runtime, { links: services.links, clock }),
      'POST /files': fileUploadRoute(runtime, {
        store: billingFiles,
        scope: Scope.BILLING_WRITE,
        maxBytes: settings.BILLING_MAX_FILE_BYTES,
        ttlDays: settings.BILLING_FILE_TTL_DAYS,
        defaultFilename: 'charges.csv',
        clock,
      }),
    }),
    background: (runtime) => {
      const stoppers: (() => Promise<void>)[] = [];
      if (settings.BILLING_WORKERS) stoppers.push(startWorkers(runtime, settings, services));
      if (settings.BILLING_OVERDUE_INTERVAL_MS > 0) {
        const sweeper = new OverdueSweeper(
          runtime.orm,
          clock,
          runtime.log.child({ component: 'overdue' }),
        );
        stoppers.push(sweeper.start(settings.BILLING_OVERDUE_INTERVAL_MS));
      }
      if (settings.BILLING_FILE_SWEEP_INTERVAL_MS > 0) {
        const files = new FileSweeper(
          runtime.orm,
          billingFiles,
          clock,
          runtime.log.child({ component: 'file-sweeper' }),
        );
        stoppers.push(files.start(settings.BILLING_FILE_SWEEP_INTERVAL_MS));
      }
      return async () => {
        await Promise.all(stoppers.map((stop) => stop()));
      };
    },
  });
}
