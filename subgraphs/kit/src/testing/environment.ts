import { openDatabase, type Orm } from '../db';
import { Messaging } from '../events/messaging';
import { createTestDatabase, TEST_SERVER_URL } from './database';
import { uniqueName } from './names';
import { deleteNamespaceStreams, TEST_NATS_URL } from './nats';

/** A kit-level test's own database (no migrations) and NATS namespace, without a subgraph. */
export interface TestEnvironment {
  orm: Orm;
  messaging: Messaging;
  namespace: string;
  databaseUrl: string;
  cleanup(): Promise<void>;
}

export async function openTestEnvironment(name: string): Promise<TestEnvironment> {
  const namespace = uniqueName(name);
  const db = await createTestDatabase(`kit_${name}`);
  const orm = await openDatabase({
    serverUrl: TEST_SERVER_URL,
    database: db.name,
    entities: [],
    migrations: [],
  });
  const messaging = await Messaging.connect({
    url: TEST_NATS_URL,
    name: `${name}-test`,
    namespace,
  });
  return {
    orm,
    messaging,
    namespace,
    databaseUrl: db.url,
    cleanup: async () => {
      await messaging.close();
      await orm.close();
      await db.drop();
      await deleteNamespaceStreams(namespace);
    },
  };
}
