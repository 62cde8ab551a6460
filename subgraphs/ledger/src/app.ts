import { createSubgraph, type Subgraph } from '@saldo/kit';
import { migrations } from '../migrations';
import { ledgerSettings, type LedgerConfig } from './config';
import { entities } from './entities';
import { schemaOptions } from './schema';
import {
  createCoreServices,
  createHandlers,
  createServices,
  type LedgerServices,
} from './services';

export type LedgerSubgraph = Subgraph<LedgerServices>;

/**
 * Starts the ledger: its database and migrations, the LEDGER stream it owns, the
 * consumer of identity's user events and of cards' events, the recurrence scheduler and
 * the GraphQL API. `database` overrides `saldo_ledger` (tests).
 */
export async function startLedger(
  config: LedgerConfig,
  database?: string,
): Promise<LedgerSubgraph> {
  const settings = ledgerSettings(config);
  const core = createCoreServices();
  return createSubgraph<LedgerServices>({
    name: 'ledger',
    config,
    database,
    entities,
    migrations,
    schema: schemaOptions,
    streams: ['ledger'],
    services: (runtime) => createServices(runtime, core),
    handlers: createHandlers(core),
    background: (_runtime, services) => {
      if (settings.LEDGER_SCHEDULER_INTERVAL_MS === 0) return async () => undefined;
      return services.scheduler.start(settings.LEDGER_SCHEDULER_INTERVAL_MS);
    },
  });
}
