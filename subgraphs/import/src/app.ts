import { createSubgraph, systemClock, type Clock, type Subgraph } from '@saldo/kit';
import { migrations } from '../migrations';
import { importSettings, type ImportConfig } from './config';
import { fileRoute } from './files/file.route';
import { FileSweeper } from './files/file.sweeper';
import { ParseRecovery } from './jobs/parse-recovery';
import { parseStatement } from './parsers';
import type { ParseStatement } from './parsers/types';
import { schemaOptions } from './schema';
import { createHandlers, createServices, type ImportServices } from './services';

export type ImportSubgraph = Subgraph<ImportServices>;

export interface StartOptions {
  clock?: Clock;
  /** The statement parser (tests inject their own). */
  parse?: ParseStatement;
}

/**
 * Starts the import subgraph: its database and migrations, the IMPORT stream it owns, the
 * consumer of identity's user events and the ledger's entries and answers, `POST /files`
 * (the router's uploads), the sweeper of expired files, the recovery of interrupted parsing
 * and the GraphQL API.
 */
export async function startImport(
  config: ImportConfig,
  database?: string,
  options: StartOptions = {},
): Promise<ImportSubgraph> {
  const settings = importSettings(config);
  const clock = options.clock ?? systemClock;
  const services = createServices(settings, options.parse ?? parseStatement, clock);
  return createSubgraph<ImportServices>({
    name: 'import',
    config,
    database,
    entities: [],
    migrations,
    schema: schemaOptions,
    streams: ['import'],
    services: () => services,
    handlers: createHandlers(services),
    routes: (runtime) => ({
      'POST /files': fileRoute(runtime, {
        maxBytes: settings.IMPORT_MAX_FILE_BYTES,
        ttlDays: settings.IMPORT_FILE_TTL_DAYS,
        clock,
      }),
    }),
    background: (runtime) => {
      const stoppers: (() => Promise<void>)[] = [];
      if (settings.IMPORT_SWEEP_INTERVAL_MS > 0) {
        const sweeper = new FileSweeper(
          runtime.orm,
          clock,
          runtime.log.child({ component: 'sweeper' }),
        );
        stoppers.push(sweeper.start(settings.IMPORT_SWEEP_INTERVAL_MS));
      }
      if (settings.IMPORT_PARSE_RECOVERY_MS > 0) {
        const recovery = new ParseRecovery(
          runtime.orm,
          services.jobs,
          settings.IMPORT_PARSE_LEASE_MS,
          runtime.log.child({ component: 'parse-recovery' }),
        );
        stoppers.push(recovery.start(settings.IMPORT_PARSE_RECOVERY_MS));
      }
      return async () => {
        await Promise.all(stoppers.map((stop) => stop()));
      };
    },
  });
}
