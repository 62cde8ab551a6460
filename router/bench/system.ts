// Starts the real system for a bench: each subgraph and the router as its own process,
// fresh databases and a fresh NATS namespace, torn down afterwards.
import type { ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { startService, stopService } from './common';

const ROOT = join(__dirname, '..', '..', '..');
const SERVER_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface System {
  routerUrl: string;
  namespace: string;
  processes: Map<string, ChildProcess>;
  /** The key the router signs internal tokens with (PEM), for benches that mint their own. */
  internalPrivateKey: string;
  /** Its public half (PEM), what every subgraph verifies internal tokens with. */
  internalPublicKey: string;
  /** Each subgraph's URL, by name. */
  subgraphUrls: Map<string, string>;
  /** Each subgraph's database name, by subgraph name. */
  databases: Map<string, string>;
  /** The PostgreSQL server URL the databases live on. */
  serverUrl: string;
  stop(): Promise<void>;
}

export interface SystemOptions {
  subgraphs: string[];
  basePort?: number;
  env?: Record<string, string>;
  /** Per-service extra node arguments, e.g. `{ ledger: ['--cpu-prof'] }`. */
  nodeArgs?: Record<string, string[]>;
}

async function dropDatabases(prefix: string): Promise<void> {
  const client = new Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      'select datname from pg_database where datname like $1',
      [`${prefix}%`],
    );
    for (const { datname } of rows)
      await client.query(`drop database if exists "${datname}" with (force)`);
  } finally {
    await client.end();
  }
}

export async function startSystem(options: SystemOptions): Promise<System> {
  const stamp = Date.now().toString(36);
  const namespace = `bench_${stamp}`;
  const dbPrefix = `bench_${stamp}_`;
  const basePort = options.basePort ?? 4100;
  const keys = generateKeyPairSync('ed25519');
  const common = {
    NODE_ENV: 'production',
    DATABASE_URL: SERVER_URL,
    NATS_NAMESPACE: namespace,
    INTERNAL_JWT_PUBLIC_KEY: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    SIGNING_KEY_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    ...options.env,
  };
  const internalPublicKey = common.INTERNAL_JWT_PUBLIC_KEY;
  const internalPrivateKey = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const processes = new Map<string, ChildProcess>();
  const subgraphUrls = new Map<string, string>();
  const databases = new Map<string, string>();
  const urls: string[] = [];
  const stop = async () => {
    for (const child of [...processes.values()].reverse()) await stopService(child);
    await dropDatabases(dbPrefix);
  };
  try {
    let port = basePort + 1;
    for (const name of options.subgraphs) {
      const main = join(ROOT, 'subgraphs', name, 'dist', 'src', 'main.js');
      if (!existsSync(main)) throw new Error(`${main} missing: build first`);
      const child = await startService(
        name,
        main,
        { ...common, DATABASE_NAME: `${dbPrefix}${name}` },
        port,
        options.nodeArgs?.[name],
      );
      processes.set(name, child);
      databases.set(name, `${dbPrefix}${name}`);
      urls.push(`${name}=http://127.0.0.1:${port}/graphql`);
      subgraphUrls.set(name, `http://127.0.0.1:${port}/graphql`);
      port += 1;
    }
    const router = await startService(
      'router',
      join(ROOT, 'router', 'dist', 'src', 'main.js'),
      {
        ...common,
        INTERNAL_JWT_PRIVATE_KEY: internalPrivateKey,
        SUBGRAPH_URLS: urls.join(','),
        RATE_LIMIT_PER_SECOND: '0',
      },
      basePort,
      options.nodeArgs?.['router'],
    );
    processes.set('router', router);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    routerUrl: `http://127.0.0.1:${basePort}/graphql`,
    namespace,
    processes,
    internalPrivateKey,
    internalPublicKey,
    subgraphUrls,
    databases,
    serverUrl: SERVER_URL,
    stop,
  };
}
