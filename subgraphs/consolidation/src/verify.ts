// `pnpm --filter @saldo/consolidation verify [--database <name>]`: compares each
// account's latest closing with the ledger's balance and prints every drift as a JSON
// line, then a summary line. Exit code 1 when something drifted.
import { createLogger, openDatabase } from '@saldo/kit';
import { migrations } from '../migrations';
import { loadConfig, type ConsolidationConfig } from './config';
import {
  ledgerSubgraphBalances,
  routerBalances,
  type LedgerBalances,
} from './verify/ledger-balances';
import { verifyProjection } from './verify/verify-run';
import { entities } from './entities';

function databaseArg(argv: readonly string[]): string {
  const at = argv.indexOf('--database');
  return at >= 0 && argv[at + 1] ? argv[at + 1]! : 'saldo_consolidation';
}

function source(config: ConsolidationConfig): LedgerBalances {
  if (config.INTERNAL_JWT_PRIVATE_KEY)
    return ledgerSubgraphBalances(
      config.LEDGER_URL,
      config.INTERNAL_JWT_PRIVATE_KEY,
      config.INTERNAL_JWT_ISSUER,
    );
  if (config.ROUTER_URL && config.ROUTER_TOKEN)
    return routerBalances(config.ROUTER_URL, `Bearer ${config.ROUTER_TOKEN}`);
  throw new Error(
    'verify needs INTERNAL_JWT_PRIVATE_KEY (+ LEDGER_URL) or ROUTER_URL + ROUTER_TOKEN',
  );
}

const line = (value: object) => process.stdout.write(`${JSON.stringify(value)}\n`);

async function main(): Promise<void> {
  const config = loadConfig();
  const ledger = source(config);
  const log = createLogger('consolidation-verify', config.LOG_LEVEL);
  const orm = await openDatabase({
    serverUrl: config.DATABASE_URL,
    database: databaseArg(process.argv),
    entities,
    migrations,
    poolMax: 2,
    log,
  });
  try {
    const summary = await verifyProjection(orm.em.fork(), ledger, (drift) =>
      line({ drift: true, ...drift }),
    );
    line({ verify: 'consolidation', ...summary });
    if (summary.drifted > 0) process.exitCode = 1;
  } finally {
    await orm.close();
  }
}

main().catch((error: unknown) => {
  // eslint-disable-next-line no-console -- a command-line failure goes to stderr
  console.error(error);
  process.exit(1);
});
