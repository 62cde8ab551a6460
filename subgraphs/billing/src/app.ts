import { createSubgraph, systemClock, type Clock, type Subgraph } from '@saldo/kit';
import { migrations } from '../migrations';
import { OverdueSweeper } from './charges/overdue.sweeper';
import { entities } from './entities';
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
    }),
    background: (runtime) => {
      if (settings.BILLING_OVERDUE_INTERVAL_MS === 0) return async () => undefined;
      const sweeper = new OverdueSweeper(
        runtime.orm,
        clock,
        runtime.log.child({ component: 'overdue' }),
      );
      return sweeper.start(settings.BILLING_OVERDUE_INTERVAL_MS);
    },
  });
}
