// `pnpm --filter @saldo/consolidation rebuild [--database <name>]`: rebuilds the
// projection from the start of the LEDGER stream into a fresh generation and switches
// over atomically, while a running consolidation keeps serving. Prints one JSON line.
import { createLogger, DEFAULT_TIME_ZONE, Messaging, openDatabase } from '@saldo/kit';
import { migrations } from '../migrations';
import { systemClock } from '@saldo/kit';
import { consolidationSettings, loadConfig } from './config';
import { LedgerProjector } from './projection/projector';
import { Rebuilder } from './rebuild/rebuilder';
import { entities } from './entities';

function databaseArg(argv: readonly string[]): string {
  const at = argv.indexOf('--database');
  return at >= 0 && argv[at + 1] ? argv[at + 1]! : 'saldo_consolidation';
}

async function main(): Promise<void> {
  const config = loadConfig();
  const settings = consolidationSettings(config);
  const log = createLogger('consolidation-rebuild', config.LOG_LEVEL);
  const orm = await openDatabase({
    serverUrl: config.DATABASE_URL,
    database: databaseArg(process.argv),
    entities,
    migrations,
    poolMax: 4,
    log,
  });
  const messaging = await Messaging.connect({
    url: config.NATS_URL,
    name: 'consolidation-rebuild',
    namespace: config.NATS_NAMESPACE,
    log,
  });
  try {
    const rebuilder = new Rebuilder({
      orm,
      messaging,
      log,
      clock: systemClock,
      projector: new LedgerProjector({ clock: systemClock, defaultTimeZone: DEFAULT_TIME_ZONE }),
      batchSize: settings.REBUILD_BATCH_SIZE,
      consumerName: 'consolidation',
      databaseUrl: orm.config.getClientUrl(),
    });
    const record = await rebuilder.run('cli');
    process.stdout.write(`${JSON.stringify({ rebuild: 'consolidation', ...record })}\n`);
    if (record.status !== 'DONE') process.exitCode = 1;
  } finally {
    await messaging.close();
    await orm.close();
  }
}

main().catch((error: unknown) => {
  // eslint-disable-next-line no-console -- a command-line failure goes to stderr
  console.error(error);
  process.exit(1);
});
