// `pnpm --filter @saldo/identity rotate-keys [--database <name>]`: a new signing key takes
// over; the old ones stay in the JWKS until the tokens they signed have expired.
import { createLogger, openDatabase } from '@saldo/kit';
import { migrations } from '../migrations';
import { entities } from './app';
import { identitySettings, loadConfig } from './config';
import { signingKeysFor } from './services';

function databaseArg(argv: readonly string[]): string {
  const at = argv.indexOf('--database');
  return at >= 0 && argv[at + 1] ? argv[at + 1]! : 'saldo_identity';
}

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger('identity-rotate-keys', config.LOG_LEVEL);
  const orm = await openDatabase({
    serverUrl: config.DATABASE_URL,
    database: databaseArg(process.argv),
    entities,
    migrations,
    poolMax: 1,
    log,
  });
  try {
    const rotation = await signingKeysFor(identitySettings(config)).rotate(orm.em.fork());
    log.info(rotation, 'signing key rotated');
  } finally {
    await orm.close();
  }
}

main().catch((error: unknown) => {
  // eslint-disable-next-line no-console -- a command-line failure goes to stderr
  console.error(error);
  process.exit(1);
});
