import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Subgraph } from '../subgraph';

/**
 * Counts the SQL statements a subgraph sends to PostgreSQL while it serves the requests
 * made inside `during(fn)`: the N+1 check (`expect(statements.length).toBeLessThanOrEqual(5)`).
 *
 * Every statement, from `query()` or from MikroORM itself, inside a transaction or not, goes
 * through the subgraph's knex instance, whose public `query` event reports it. The outbox
 * relay and the consumer poll the same database in the background, so a statement counts
 * only when it is issued from inside the async chain of an HTTP request the subgraph received
 * while counting (each such request runs in an AsyncLocalStorage scope).
 */
export interface StatementCounter {
  during<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }>;
  restore(): void;
}

export function countStatements(subgraph: Pick<Subgraph, 'orm' | 'http'>): StatementCounter {
  const scope = new AsyncLocalStorage<string[]>();
  const knex = subgraph.orm.em.getConnection().getKnex();
  const onQuery = (data: { sql?: unknown }) => {
    scope.getStore()?.push(String(data.sql));
  };
  knex.on('query', onQuery);

  const { server } = subgraph.http;
  type Listener = (req: IncomingMessage, res: ServerResponse) => void;
  const listeners = server.listeners('request') as Listener[];
  let active: string[] | null = null;
  server.removeAllListeners('request');
  for (const listener of listeners) {
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (active) scope.run(active, () => listener(req, res));
      else listener(req, res);
    });
  }

  return {
    async during(fn) {
      const statements: string[] = [];
      active = statements;
      try {
        return { result: await fn(), statements };
      } finally {
        active = null;
      }
    },
    restore() {
      knex.off('query', onQuery);
      server.removeAllListeners('request');
      for (const listener of listeners) server.on('request', listener);
    },
  };
}
