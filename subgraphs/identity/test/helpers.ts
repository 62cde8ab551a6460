import {
  mintToken,
  startTestSubgraph,
  testBaseConfig,
  type TestClient,
  type TestSubgraph,
} from '@saldo/kit/testing';
import type { Envelope } from '@saldo/kit';
import type { EventType } from '@saldo/events';
import { startIdentity } from '../src/app';
import type { IdentityConfig } from '../src/config';
import type { IdentityServices } from '../src/services';

export type Identity = TestSubgraph<Awaited<ReturnType<typeof startIdentity>>>;

export const PASSWORD = 'correct horse 42';

export function startIdentityForTest(config: Partial<IdentityConfig> = {}): Promise<Identity> {
  return startTestSubgraph('identity', startIdentity, config);
}

/** A second replica on the same database and NATS namespace (stop it yourself). */
export function startReplica(t: Identity, config: Partial<IdentityConfig> = {}) {
  const full = { ...testBaseConfig(t.namespace), ...config } as IdentityConfig;
  return startIdentity(full, t.database);
}

export const baseUrl = (t: Identity) => t.subgraph.url.replace(/\/graphql$/, '');

export const servicesFor = (t: Identity): IdentityServices => t.subgraph.services;

let counter = 0;
/** A fresh address per call, so tests never collide inside one database. */
export const uniqueEmail = (name = 'user') => `${name}.${Date.now()}.${(counter += 1)}@example.com`;

export const SESSION =
  'accessToken refreshToken expiresAt user { id email name timeZone locale createdAt }';

export interface SessionData {
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
  user: {
    id: string;
    email: string;
    name: string;
    timeZone: string;
    locale: string;
    createdAt: string;
  };
}

export async function register(
  client: TestClient,
  email = uniqueEmail(),
  extra: { password?: string; name?: string; timeZone?: string; locale?: string } = {},
): Promise<SessionData> {
  const input = { email, password: PASSWORD, name: 'Ana Souza', ...extra };
  const data = await client.ok<{ register: SessionData }>(
    `mutation($input: RegisterInput!) { register(input: $input) { ${SESSION} } }`,
    { input },
  );
  return data.register;
}

export interface RawResponse {
  status: number;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  data?: Record<string, unknown> | null;
}

/** An anonymous GraphQL call as the router would forward it, with the end client's address. */
export async function fromIp(
  t: Identity,
  ip: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<RawResponse> {
  // The subgraph trusts x-client-ip only beside a router token (an anonymous one here).
  const token = await mintToken('identity', { sub: null });
  const response = await fetch(t.subgraph.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-client-ip': ip,
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as Omit<RawResponse, 'status'>) };
}

/** Envelopes written to the outbox for one event type, oldest first. */
export async function outboxEvents<T extends EventType>(
  t: Identity,
  type: T,
): Promise<Envelope<T>[]> {
  const rows = await t.subgraph.orm.em
    .fork()
    .getConnection()
    .execute<{ envelope: string }[]>(
      'select envelope from kit_outbox where subject = ? order by seq',
      [type],
    );
  return rows.map((row) => JSON.parse(row.envelope) as Envelope<T>);
}

export async function countRows(t: Identity, sql: string, params: unknown[] = []): Promise<number> {
  const rows = await t.subgraph.orm.em
    .fork()
    .getConnection()
    .execute<{ n: string }[]>(`select count(*) as n from (${sql}) q`, params);
  return Number(rows[0]?.n ?? 0);
}

/** Runs raw SQL against the subgraph's database (to age rows, inspect state). */
export function sql<T = Record<string, unknown>>(
  t: Identity,
  query: string,
  params: unknown[] = [],
): Promise<T[]> {
  return t.subgraph.orm.em.fork().getConnection().execute<T[]>(query, params);
}
