import { createSubgraph, type Subgraph } from '@saldo/kit';
import { migrations } from '../migrations';
import { withCardHandlers } from './cards/card.consumer';
import { ledgerSettings, type LedgerConfig } from './config';
import { RecurrenceScheduler } from './recurrences/recurrence.scheduler';
import { schemaOptions } from './schema';
import { userHandlers } from './users/user.consumer';

/**
 * Starts the ledger: its database and migrations, the LEDGER stream it owns, the
 * consumer of identity's user events and of cards' events, the recurrence scheduler and
 * the GraphQL API.
 */
export async function startLedger(config: LedgerConfig, database?: string): Promise<Subgraph> {
  const settings = ledgerSettings(config);
  return createSubgraph({
    name: 'ledger',
    config,
    database,
    entities: [],
    migrations,
    schema: schemaOptions,
    streams: ['ledger'],
    handlers: withCardHandlers(userHandlers),
    background: (app) => {
      if (settings.LEDGER_SCHEDULER_INTERVAL_MS === 0) return async () => undefined;
      const scheduler = new RecurrenceScheduler(app.orm, app.log.child({ component: 'scheduler' }));
      return scheduler.start(settings.LEDGER_SCHEDULER_INTERVAL_MS);
    },
  });
}
