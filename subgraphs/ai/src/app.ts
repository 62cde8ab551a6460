import { createSubgraph, systemClock, type Clock, type Subgraph } from '@saldo/kit';
import { migrations } from '../migrations';
import { aiSettings, type AiConfig } from './config';
import { entities } from './entities';
import { handlers } from './handlers';
import { schemaOptions } from './schema';
import { createServices, type AiServices } from './services';

export type Ai = Subgraph<AiServices>;

export interface StartOptions {
  clock?: Clock;
}

/**
 * Starts the ai subgraph: its database, the consumer of ledger's, cards' and identity's events
 * (the entries each user's model learns from) and the GraphQL API. It publishes
 * `ai.report.ready` on the `AI` stream; the report worker runs in the background. `database` overrides `saldo_ai`.
 */
export async function startAi(
  config: AiConfig,
  database?: string,
  options: StartOptions = {},
): Promise<Ai> {
  const services = createServices(aiSettings(config), options.clock ?? systemClock);
  return createSubgraph<AiServices>({
    name: 'ai',
    config,
    database,
    entities,
    migrations,
    schema: schemaOptions,
    services: () => services,
    streams: ['ai'],
    handlers: handlers(services),
    background: (runtime) => services.reportWorker.start(runtime.orm, runtime.log),
  });
}
