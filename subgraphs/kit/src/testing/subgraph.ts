import { baseConfigSchema, type BaseConfig } from '../config';
import type { Subgraph } from '../subgraph';
import { TestClient } from './client';
import { createTestDatabase } from './database';
import { testKeys, TEST_ISSUER } from './identity';
import { uniqueName } from './names';
import { deleteNamespaceStreams, TEST_NATS_URL } from './nats';
import { testQuery } from './query';
import { TEST_SERVER_URL } from './database';

/** Base config for a test: local servers, a unique NATS namespace, the test router key. */
export function testBaseConfig(namespace = uniqueName('t')): BaseConfig & { PORT: number } {
  return {
    ...baseConfigSchema.parse({
      NODE_ENV: 'test',
      LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
      DATABASE_URL: TEST_SERVER_URL,
      NATS_URL: TEST_NATS_URL,
      NATS_NAMESPACE: namespace,
      INTERNAL_JWT_PUBLIC_KEY: testKeys.publicKey,
      INTERNAL_JWT_ISSUER: TEST_ISSUER,
    }),
    PORT: 0,
  };
}

export interface TestSubgraph<S extends Subgraph> {
  subgraph: S;
  client: TestClient;
  namespace: string;
  database: string;
  /** Raw SQL on the subgraph's database, `?` placeholders (see `testQuery`). */
  query: <T = Record<string, unknown>>(text: string, params?: readonly unknown[]) => Promise<T[]>;
  cleanup(): Promise<void>;
}

/**
 * Starts a subgraph on a random port with its own database and NATS namespace.
 * `cleanup()` stops it, drops the database and deletes the namespace's streams.
 */
export async function startTestSubgraph<
  S extends Subgraph,
  C extends BaseConfig & { PORT: number },
>(
  name: string,
  start: (config: C, database: string) => Promise<S>,
  config: Partial<C> = {},
  namespace = uniqueName('t'),
): Promise<TestSubgraph<S>> {
  const db = await createTestDatabase(name);
  const full = { ...testBaseConfig(namespace), ...config } as C;
  let subgraph: S;
  try {
    subgraph = await start(full, db.name);
  } catch (error) {
    await db.drop();
    throw error;
  }
  return {
    subgraph,
    client: new TestClient(subgraph.url, subgraph.name),
    namespace,
    database: db.name,
    query: (text, params) => testQuery(subgraph, text, params),
    cleanup: async () => {
      await subgraph.stop();
      await db.drop();
      await deleteNamespaceStreams(namespace);
    },
  };
}
