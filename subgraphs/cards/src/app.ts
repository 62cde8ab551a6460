import { createSubgraph, type Subgraph } from '@saldo/kit';
import { migrations } from '../migrations';
import { systemClock, type Clock } from '@saldo/kit';
import { cardsSettings, type CardsConfig } from './config';
import { entities } from './entities';
import { ledgerHandlers } from './payments/ledger.consumer';
import { schemaOptions } from './schema';
import { statementImportHandlers } from './statements/statement-import';
import { createCoreServices, createServices, type CardsServices } from './services';
import { userHandlers } from './users/user.consumer';

export type Cards = Subgraph<CardsServices>;

export interface StartOptions {
  /** Tests control time (requests' "today" and the scheduler's) with their own clock. */
  clock?: Clock;
}

/**
 * Starts the cards subgraph: its database and migrations, the CARDS stream it owns, the
 * consumer of identity's user events and of the ledger's answers to payments, the
 * invoice scheduler and the GraphQL API. `database` overrides `saldo_cards` (tests).
 */
export async function startCards(
  config: CardsConfig,
  database?: string,
  options: StartOptions = {},
): Promise<Cards> {
  const settings = cardsSettings(config);
  const core = createCoreServices(options.clock ?? systemClock);
  return createSubgraph<CardsServices>({
    name: 'cards',
    config,
    database,
    entities,
    migrations,
    schema: schemaOptions,
    streams: ['cards'],
    services: (runtime) => createServices(settings, runtime, core),
    handlers: {
      ...userHandlers,
      ...ledgerHandlers(core.payments),
      ...statementImportHandlers(core.statements),
    },
    background: (_runtime, services) => {
      if (settings.CARDS_SCHEDULER_INTERVAL_MS === 0) return async () => undefined;
      return services.scheduler.start(settings.CARDS_SCHEDULER_INTERVAL_MS);
    },
  });
}
