import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client, type ClientOptions } from 'graphql-ws';
import WebSocket from 'ws';
import { startAi } from '@saldo/ai/src/app';
import { startBilling } from '@saldo/billing/src/app';
import { startCards } from '@saldo/cards/src/app';
import { startConsolidation } from '@saldo/consolidation/src/app';
import { startIdentity } from '@saldo/identity/src/app';
import { startImport } from '@saldo/import/src/app';
import type { Subgraph } from '@saldo/kit';
import {
  startTestSubgraph,
  testKeys,
  TEST_ISSUER,
  TEST_NATS_URL,
  uniqueName,
  waitFor,
  type TestSubgraph,
} from '@saldo/kit/testing';
import { startLedger } from '@saldo/ledger/src/app';
import { startNotifications } from '@saldo/notifications/src/app';
import { startRouter, type Router } from '../src/app';
import { composeSupergraph, subgraphSources } from '../src/compose';
import { configSchema, type RouterConfig } from '../src/config';

export type SubgraphName =
  'identity' | 'ledger' | 'consolidation' | 'cards' | 'import' | 'notifications' | 'ai' | 'billing';
export type Starter = (config: never, database: string) => Promise<Subgraph<unknown>>;

const STARTERS: Record<SubgraphName, Starter> = {
  identity: startIdentity,
  ledger: startLedger,
  consolidation: startConsolidation,
  cards: startCards,
  import: startImport,
  notifications: startNotifications,
  ai: startAi,
  billing: startBilling,
};

export interface StackOptions {
  /** Started in this order, each on its own database, all on one NATS namespace. */
  subgraphs: SubgraphName[];
  /** Config per subgraph, e.g. `{ identity: { ACCESS_TOKEN_TTL_SECONDS: 5 } }`. */
  config?: Partial<Record<SubgraphName, Record<string, unknown>>>;
  /** Replaces how a subgraph starts (e.g. with a test clock). */
  start?: Partial<Record<SubgraphName, Starter>>;
  /** Router settings (env names), e.g. `{ RATE_LIMIT_PER_SECOND: '1' }`. */
  router?: Record<string, string>;
}

export interface Stack {
  router: Router;
  subgraphs: Record<string, TestSubgraph<Subgraph<unknown>>>;
  namespace: string;
  /** An anonymous client of the router. */
  client: RouterClient;
  /** Another router (e.g. with other limits) over the same subgraphs; stopped by cleanup. */
  startRouter: (overrides?: Record<string, string>) => Promise<Router>;
  /** A graphql-ws client of the router (or of `options.router`); disposed by cleanup. */
  live: (authorization: string | null, options?: LiveOptions) => LiveClient;
  /** Stops routers, live clients and subgraphs, drops their databases. */
  cleanup: () => Promise<void>;
}

/**
 * Starts the named subgraphs (fresh databases, one NATS namespace) and a router over
 * them. What started is stopped again if a later start fails.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const namespace = uniqueName('e2e');
  const subgraphs: Stack['subgraphs'] = {};
  const routers: Router[] = [];
  const clients: Client[] = [];
  const cleanup = async () => {
    for (const client of clients.splice(0)) await client.dispose();
    for (const router of routers.splice(0)) await router.stop();
    for (const t of Object.values(subgraphs).reverse()) await t.cleanup();
  };
  try {
    for (const name of options.subgraphs) {
      const start = options.start?.[name] ?? STARTERS[name];
      subgraphs[name] = await startTestSubgraph(
        name,
        start as never,
        options.config?.[name] ?? {},
        namespace,
      );
    }
    const another = async (overrides: Record<string, string> = {}) => {
      const router = await startRouterOver(subgraphs, namespace, {
        ...options.router,
        ...overrides,
      });
      routers.push(router);
      return router;
    };
    const router = await another();
    return {
      router,
      subgraphs,
      namespace,
      client: new RouterClient(router.url),
      startRouter: another,
      live: (authorization, liveOptions = {}) => {
        const live = liveClient(liveOptions.router ?? router, authorization, liveOptions);
        clients.push(live.client);
        return live;
      },
      cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** `startStack` in `beforeAll`, `cleanup` in `afterAll`; the stack is there from the first test. */
export function useStack(options: StackOptions): () => Stack {
  let stack: Stack | undefined;
  beforeAll(async () => {
    stack = await startStack(options);
  });
  afterAll(async () => {
    await stack?.cleanup();
  });
  return () => {
    if (!stack) throw new Error('the stack has not started');
    return stack;
  };
}

/** The router's settings for a test: local NATS, test keys, no rate limit unless asked. */
export function testRouterConfig(overrides: Record<string, string> = {}): RouterConfig {
  return configSchema.parse({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
    PORT: '0',
    NATS_URL: TEST_NATS_URL,
    INTERNAL_JWT_PRIVATE_KEY: testKeys.privateKey,
    INTERNAL_JWT_ISSUER: TEST_ISSUER,
    RATE_LIMIT_PER_SECOND: '0',
    ...overrides,
  });
}

/** A router over running subgraphs (composed from their sources). */
export async function startRouterOver(
  subgraphs: Stack['subgraphs'],
  namespace: string,
  overrides: Record<string, string> = {},
): Promise<Router> {
  const sources = subgraphSources().filter((s) => s.name in subgraphs);
  const dir = mkdtempSync(join(tmpdir(), 'saldo-router-'));
  const supergraphPath = join(dir, 'supergraph.graphql');
  writeFileSync(supergraphPath, composeSupergraph(sources));
  return startRouter(
    testRouterConfig({
      NATS_NAMESPACE: namespace,
      SUPERGRAPH_PATH: supergraphPath,
      SUBGRAPH_URLS: Object.entries(subgraphs)
        .map(([name, t]) => `${name}=${t.subgraph.url}`)
        .join(','),
      ...overrides,
    }),
  );
}

/**
 * Waits until `router` holds at least `count` live subscriptions and NATS has them all,
 * so an event published from now on reaches them.
 */
export async function waitForSubscriptions(router: Router, count: number): Promise<void> {
  await waitFor(() => router.live.subscriptions >= count, {
    intervalMs: 10,
    what: `${count} live subscriptions`,
  });
  await router.live.flush();
}

/** Runs `make` (which subscribes `count` times on `router`) and waits for them to register. */
export async function subscribed<const T>(
  router: Router,
  count: number,
  make: () => T,
): Promise<T> {
  const target = router.live.subscriptions + count;
  const made = make();
  await waitForSubscriptions(router, target);
  return made;
}

type Payload = Record<string, unknown>;

export interface LiveOptions extends Partial<Omit<ClientOptions, 'url' | 'webSocketImpl'>> {
  router?: Router;
}

export interface LiveSubscription {
  /** `data` of each `next` (or `{ errors }` when it had none). */
  received: Payload[];
  errors: unknown[];
  isDone(): boolean;
  unsubscribe(): void;
}

export interface LiveClient {
  client: Client;
  /** How many times the client has connected (acknowledged). */
  readonly connections: number;
  /** Every close the client saw, in order. */
  closes: { code: number; reason: string }[];
  /** Resolves with the first close. */
  closed: Promise<{ code: number; reason: string }>;
  subscribe(query: string, variables?: Record<string, unknown>): LiveSubscription;
}

/** graphql-ws's reference client; by default connects at once and never retries. */
export function liveClient(
  router: Router,
  authorization: string | null,
  options: LiveOptions = {},
): LiveClient {
  const closes: LiveClient['closes'] = [];
  let connections = 0;
  let firstClose: (event: { code: number; reason: string }) => void = () => undefined;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (firstClose = resolve));
  const { router: _router, ...clientOptions } = options;
  const client = createClient({
    url: router.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: authorization ? { authorization } : {},
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => undefined, // asserted through `closes`
    ...clientOptions,
    on: {
      connected: () => (connections += 1),
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        closes.push({ code, reason });
        firstClose({ code, reason });
      },
    },
  });
  return {
    client,
    get connections() {
      return connections;
    },
    closes,
    closed,
    subscribe(query, variables = {}) {
      const received: Payload[] = [];
      const errors: unknown[] = [];
      let done = false;
      const unsubscribe = client.subscribe<Payload>(
        { query, variables },
        {
          next: (value) => received.push(value.data ?? { errors: value.errors }),
          error: (error) => errors.push(error),
          complete: () => (done = true),
        },
      );
      return { received, errors, unsubscribe, isDone: () => done };
    },
  };
}

export interface RouterResponse<T> {
  status: number;
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** What a client application does: POST /graphql with its own credentials. */
export class RouterClient {
  constructor(
    readonly url: string,
    private readonly authorization?: string,
  ) {}

  withToken(accessToken: string): RouterClient {
    return new RouterClient(this.url, `Bearer ${accessToken}`);
  }

  withApiKey(key: string): RouterClient {
    return new RouterClient(this.url, `ApiKey ${key}`);
  }

  withAuthorization(header: string): RouterClient {
    return new RouterClient(this.url, header);
  }

  async request<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<RouterResponse<T>> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.authorization ? { authorization: this.authorization } : {}),
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    return {
      status: response.status,
      ...((await response.json()) as Omit<RouterResponse<T>, 'status'>),
    };
  }

  async ok<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<T> {
    const result = await this.request<T>(query, variables);
    if (result.errors?.length || !result.data)
      throw new Error(`GraphQL errors: ${JSON.stringify(result)}`);
    return result.data;
  }
}

export const code = (result: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  result.errors?.[0]?.extensions?.['code'];

let counter = 0;
/** Registers a fresh user through the router; returns its tokens and a client acting as it. */
export async function registerUser(client: RouterClient, name = 'user') {
  counter += 1;
  const email = `${name}.${Date.now()}.${counter}@example.com`;
  const data = await client.ok<{
    register: { accessToken: string; refreshToken: string; user: { id: string } };
  }>(
    `mutation($input: RegisterInput!) { register(input: $input) { accessToken refreshToken user { id } } }`,
    { input: { email, password: 'correct horse battery 9', name } },
  );
  return { ...data.register, email, client: client.withToken(data.register.accessToken) };
}
