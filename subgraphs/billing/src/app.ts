import {
  createSubgraph,
  FileSweeper,
  fileUploadRoute,
  Scope,
  systemClock,
  type Clock,
  type Subgraph,
} from '@saldo/kit';
import { migrations } from '../migrations';
import { OverdueSweeper } from './charges/overdue.sweeper';
import { entities } from './entities';
import { billingFiles } from './files/file.store';
import { boletoPdfRoute } from './links/boleto-pdf.route';
import { billingSettings, type BillingConfig } from './config';
import { schemaOptions } from './schema';
import { createHandlers, createServices, type BillingServices } from './services';

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
