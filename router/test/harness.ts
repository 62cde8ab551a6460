import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Subgraph } from '@saldo/kit';
import {
  startTestSubgraph,
  testKeys,
  TEST_ISSUER,
  TEST_NATS_URL,
  uniqueName,
  type TestSubgraph,
} from '@saldo/kit/testing';
import { startRouter, type Router } from '../src/app';
import { composeSupergraph, subgraphSources } from '../src/compose';
import { configSchema, type RouterConfig } from '../src/config';

type Starter = (config: never, database: string) => Promise<Subgraph<unknown>>;

export interface Stack {
  router: Router;
  subgraphs: Record<string, TestSubgraph<Subgraph<unknown>>>;
  namespace: string;
  client: RouterClient;
  cleanup(): Promise<void>;
}

/** Starts the named subgraphs (fresh databases, one NATS namespace) and a router over them. */
export async function startStack(
  starters: Record<string, Starter>,
  routerConfig: Record<string, string> = {},
): Promise<Stack> {
  const namespace = uniqueName('e2e');
  const subgraphs: Stack['subgraphs'] = {};
  for (const [name, start] of Object.entries(starters)) {
    subgraphs[name] = await startTestSubgraph(name, start as never, {}, namespace);
  }
  const router = await startRouterOver(subgraphs, namespace, routerConfig);
  return {
    router,
    subgraphs,
    namespace,
    client: new RouterClient(router.url),
    cleanup: async () => {
      await router.stop();
      for (const t of Object.values(subgraphs)) await t.cleanup();
    },
  };
}

/** Another router (e.g. with other limits) over the same running subgraphs. */
export async function startRouterOver(
  subgraphs: Stack['subgraphs'],
  namespace: string,
  overrides: Record<string, string> = {},
): Promise<Router> {
  const sources = subgraphSources().filter((s) => s.name in subgraphs);
  const dir = mkdtempSync(join(tmpdir(), 'saldo-router-'));
  const supergraphPath = join(dir, 'supergraph.graphql');
  writeFileSync(supergraphPath, composeSupergraph(sources));
  const config: RouterConfig = configSchema.parse({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
    PORT: '0',
    NATS_URL: TEST_NATS_URL,
    NATS_NAMESPACE: namespace,
    INTERNAL_JWT_PRIVATE_KEY: testKeys.privateKey,
    INTERNAL_JWT_ISSUER: TEST_ISSUER,
    SUPERGRAPH_PATH: supergraphPath,
    SUBGRAPH_URLS: Object.entries(subgraphs)
      .map(([name, t]) => `${name}=${t.subgraph.url}`)
      .join(','),
    RATE_LIMIT_PER_SECOND: '0',
    ...overrides,
  });
  return startRouter(config);
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
