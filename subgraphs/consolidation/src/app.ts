import { createSubgraph, DEFAULT_TIME_ZONE, type Subgraph, type SubgraphRuntime } from '@saldo/kit';
import { migrations } from '../migrations';
import { startCloseScheduler } from './close/close.scheduler';
import { systemClock, type Clock } from '@saldo/kit';
import {
  consolidationSettings,
  type ConsolidationConfig,
  type ConsolidationSettings,
} from './config';
import { ledgerHandlers } from './projection/ledger.consumer';
import { LedgerProjector } from './projection/projector';
import { schemaOptions } from './schema';
import { createServices, type ConsolidationServices } from './services';
import { userHandlers } from './users/user.consumer';
import { entities } from './entities';

export type Consolidation = Subgraph<ConsolidationServices>;

export interface StartOptions {
  /** Tests control time with their own clock. */
  clock?: Clock;
}

/** The emitter of update events and the daily close, each off when its interval is 0. */
function background(
  settings: ConsolidationSettings,
  runtime: SubgraphRuntime,
  s: ConsolidationServices,
) {
  const stops: (() => Promise<void>)[] = [() => s.rebuilder.stop()];
  if (settings.EMIT_INTERVAL_MS > 0) {
    s.emitter.start(settings.EMIT_INTERVAL_MS);
    stops.push(() => s.emitter.stop());
  }
  if (settings.CLOSE_CHECK_INTERVAL_SECONDS > 0) {
    const log = runtime.log.child({ component: 'close' });
    stops.push(startCloseScheduler(s.closer, settings.CLOSE_CHECK_INTERVAL_SECONDS * 1000, log));
  }
  return async () => {
    for (const stop of stops) await stop();
  };
}

/**
 * Starts consolidation: its database and migrations, the CONSOLIDATION stream it owns,
 * the consumer of the LEDGER and IDENTITY streams, the update-event emitter, the daily
 * close and the GraphQL API. `database` overrides `saldo_consolidation` (tests).
 */
export async function startConsolidation(
  config: ConsolidationConfig,
  database?: string,
  options: StartOptions = {},
): Promise<Consolidation> {
  const settings = consolidationSettings(config);
  const clock = options.clock ?? systemClock;
  const core = {
    clock,
    projector: new LedgerProjector({ clock, defaultTimeZone: DEFAULT_TIME_ZONE }),
    defaultTimeZone: DEFAULT_TIME_ZONE,
  };
  return createSubgraph<ConsolidationServices>({
    name: 'consolidation',
    config,
    database,
    entities,
    migrations,
    schema: schemaOptions,
    streams: ['consolidation'],
    handlers: { ...ledgerHandlers(core.projector), ...userHandlers(clock, DEFAULT_TIME_ZONE) },
    consumer: {
      maxDeliver: 5,
      batchSize: settings.CONSUMER_BATCH_SIZE,
      concurrency: settings.CONSUMER_CONCURRENCY,
    },
    services: (runtime) => createServices(settings, runtime, core),
    background: (runtime, services) => background(settings, runtime, services),
  });
}
