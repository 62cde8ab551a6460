import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';

// Counts the SQL statements a subgraph sends to PostgreSQL while it serves one request.
//
// Every statement, whichever helper or MikroORM path issued it, ends in `query()` of a
// node-postgres `Client`: that is the one call that writes a query to the socket. So the
// spy sits on `Client.prototype.query` of the pg the app really loads. pnpm keeps two pg
// versions here (MikroORM's knex pins its own, the kit and the tests another), so the
// modules are found the way the app finds them, and loaded through jest's registry so
// they are the very instances the app runs with.
//
// The outbox relay polls PostgreSQL in the background on the same process, so counting
// "everything during the request" would be flaky. Instead each HTTP request the server
// receives while counting runs in an AsyncLocalStorage scope: a statement counts only if
// it is issued from inside that request's async chain (resolvers, loaders, services).

type Query = (this: unknown, ...args: unknown[]) => unknown;
interface PgModule {
  Client: { prototype: { query: Query } };
}

/** The statements one counting scope saw, in the order they were issued. */
export interface Recorded {
  statements: string[];
}

const scope = new AsyncLocalStorage<Recorded>();

function textOf(args: unknown[]): string {
  const first = args[0];
  if (typeof first === 'string') return first;
  if (typeof first === 'object' && first !== null && 'text' in first) {
    return String(first.text);
  }
  return String(first);
}

/** Every pg module the app can reach: MikroORM's knex driver's and the kit's (deduplicated). */
function pgModules(): PgModule[] {
  const here = createRequire(__filename);
  const mikro = createRequire(here.resolve('@mikro-orm/postgresql'));
  const knex = createRequire(mikro.resolve('@mikro-orm/knex'));
  const knexItself = createRequire(knex.resolve('knex'));
  const kit = createRequire(here.resolve('@saldo/kit'));
  const paths = new Set([
    knexItself.resolve('pg'),
    knex.resolve('pg'),
    mikro.resolve('pg'),
    kit.resolve('pg'),
  ]);
  // jest.requireActual goes through jest's module registry: the app's own instances.
  return [...paths].map((path) => jest.requireActual<PgModule>(path));
}

export interface StatementCounter {
  /** Runs `fn` (which sends requests to the server) and returns what its requests issued. */
  during<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }>;
  restore(): void;
}

/**
 * Spies on pg and on the server's request listeners (test-only) so `during(fn)` can tell
 * how many statements the requests made inside `fn` sent to PostgreSQL.
 */
export function countStatements(server: Server): StatementCounter {
  const restores: (() => void)[] = [];
  const clients = new Set(pgModules().map((pg) => pg.Client.prototype));
  for (const proto of clients) {
    const original = proto.query;
    proto.query = function (this: unknown, ...args: unknown[]) {
      scope.getStore()?.statements.push(textOf(args));
      return original.apply(this, args);
    };
    restores.push(() => {
      proto.query = original;
    });
  }

  let active: Recorded | null = null;
  type Listener = (req: IncomingMessage, res: ServerResponse) => void;
  const listeners = server.listeners('request') as Listener[];
  server.removeAllListeners('request');
  for (const listener of listeners) {
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (active) scope.run(active, () => listener(req, res));
      else listener(req, res);
    });
  }
  restores.push(() => {
    server.removeAllListeners('request');
    for (const listener of listeners) server.on('request', listener);
  });

  return {
    async during(fn) {
      const recorded: Recorded = { statements: [] };
      active = recorded;
      try {
        const result = await fn();
        return { result, statements: recorded.statements };
      } finally {
        active = null;
      }
    },
    restore() {
      for (const undo of restores.reverse()) undo();
    },
  };
}
