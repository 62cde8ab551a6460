import type { Orm } from '@saldo/kit';

// Counts the SQL statements a subgraph sends to PostgreSQL through its ORM, for tests
// that prove a query is batched. It watches the pg connections themselves (not the
// ORM's logger, which the kit's SQL helper bypasses): every connection the ORM's pool
// hands out while counting is marked, and every `query` on a marked connection is one
// statement (BEGIN and COMMIT included). The outbox relay's own connections are not
// the pool's, so its polling is never counted; the test must not run SQL of its own
// through the same ORM while counting.

/** The part of pg's Client used here. */
interface PgClient {
  query: (this: PgClient, ...args: unknown[]) => unknown;
}

interface PgClientClass {
  prototype: PgClient;
}

/** The part of knex's client used here (knex types it as `any`). */
interface KnexClient {
  driver: { Client: PgClientClass };
  acquireConnection: (this: KnexClient) => Promise<PgClient>;
}

export interface StatementLog {
  /** The SQL text of each statement, in the order they were sent. */
  readonly texts: readonly string[];
  readonly count: number;
}

function textOf(config: unknown): string {
  if (typeof config === 'string') return config;
  if (typeof config === 'object' && config !== null && 'text' in config) {
    return String(config.text);
  }
  return String(config);
}

/**
 * Runs `fn` and returns what it returned with the statements the ORM's connections
 * sent meanwhile. Not reentrant: one count at a time per process.
 */
export async function countStatements<T>(
  orm: Orm,
  fn: () => Promise<T>,
): Promise<{ result: T; statements: StatementLog }> {
  const knex = orm.em.getConnection().getKnex() as unknown as { client: KnexClient };
  const client = knex.client;
  const proto = client.driver.Client.prototype;
  const originalQuery = proto.query;
  const originalAcquire = client.acquireConnection;
  const ours = new WeakSet<PgClient>();
  const texts: string[] = [];
  client.acquireConnection = async function acquire(this: KnexClient) {
    const connection = await originalAcquire.call(this);
    ours.add(connection);
    return connection;
  };
  proto.query = function query(this: PgClient, ...args: unknown[]) {
    if (ours.has(this)) texts.push(textOf(args[0]));
    return originalQuery.apply(this, args);
  };
  try {
    const result = await fn();
    return { result, statements: { texts: [...texts], count: texts.length } };
  } finally {
    proto.query = originalQuery;
    // The wrapper was set on the instance; removing it uncovers the prototype's method again.
    delete (client as Partial<KnexClient>).acquireConnection;
    if (client.acquireConnection !== originalAcquire) client.acquireConnection = originalAcquire;
  }
}
