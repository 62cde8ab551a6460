import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { openDatabase, type Orm } from '../db';
import { createTestDatabase, TEST_SERVER_URL, type TestDatabase } from './database';
import { testKeys, TEST_ISSUER } from './identity';
import { deleteNamespaceStreams, TEST_NATS_URL } from './nats';
import { uniqueName } from './names';
import { testQuery } from './query';
import { waitFor } from './wait';

/** A free TCP port on loopback, for a process the test starts itself. */
export function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function exited(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => proc.once('exit', () => resolve()));
}

/**
 * A subgraph as its own process (its built `dist/src/main.js`) on a fresh database and NATS
 * namespace, for the tests that SIGKILL it mid-work and start it again.
 */
export class SubgraphProcess {
  private child: ChildProcess | null = null;

  private constructor(
    private readonly root: string,
    readonly db: TestDatabase,
    readonly orm: Orm,
    readonly namespace: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  /** Builds the subgraph at `root` from the sources under test and prepares its database. */
  static async prepare(
    root: string,
    database: string,
    env: Record<string, string> = {},
  ): Promise<SubgraphProcess> {
    execFileSync(
      process.execPath,
      [
        require.resolve('@swc/cli/bin/swc.js', { paths: [root] }),
        'src',
        'migrations',
        '-d',
        'dist',
        '--config-file',
        '../../.swcrc',
        '-q',
      ],
      { cwd: root, stdio: 'inherit' },
    );
    const db = await createTestDatabase(database);
    const orm = await openDatabase({
      serverUrl: TEST_SERVER_URL,
      database: db.name,
      entities: [],
      migrations: [],
    });
    return new SubgraphProcess(root, db, orm, uniqueName('t'), await freeTcpPort(), env);
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts the process and waits until it answers GraphQL. */
  async start(): Promise<void> {
    this.child = spawn(process.execPath, [path.join(this.root, 'dist/src/main.js')], {
      cwd: this.root,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
        DATABASE_URL: TEST_SERVER_URL,
        DATABASE_NAME: this.db.name,
        NATS_URL: TEST_NATS_URL,
        NATS_NAMESPACE: this.namespace,
        INTERNAL_JWT_PUBLIC_KEY: testKeys.publicKey,
        INTERNAL_JWT_ISSUER: TEST_ISSUER,
        PORT: String(this.port),
        ...this.env,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    await waitFor(
      async () => {
        const response = await fetch(`${this.baseUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ __typename }' }),
        }).catch(() => null);
        return response !== null && response.status < 500;
      },
      { timeoutMs: 30_000, intervalMs: 100, what: `${this.root} to listen` },
    );
  }

  /** kill -9, and waits until it is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited(child);
    this.child = null;
  }

  sql<T = Record<string, unknown>>(text: string, params: readonly unknown[] = []): Promise<T[]> {
    return testQuery<T>(this.orm, text, params);
  }

  async cleanup(): Promise<void> {
    await this.kill();
    await this.orm.close();
    await this.db.drop();
    await deleteNamespaceStreams(this.namespace);
  }
}
