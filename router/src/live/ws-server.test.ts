import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, GraphQLError } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { createLogger, ErrorCode } from '@saldo/kit';
import { waitFor } from '@saldo/kit/testing';
import type { RouterCaller } from '../auth/caller';
import { PROTOCOL } from './connection';
import type { LiveListener } from './hub';
import { liveSpecs } from './live-fields';
import { attachSubscriptionServer } from './ws-server';

// The router's graphql-transport-ws server on its own: raw frames for the close codes,
// and graphql-ws's reference client for what a real dashboard does (reconnects).

const sdl = `
  directive @live(subject: String!, filterArgs: [String!], scope: String) on FIELD_DEFINITION
  type BalanceChange { accountId: ID! }
  type Query { hello: String boom: String slow: String _live_balanceChanged(event: String!): BalanceChange }
  type Subscription {
    balanceChanged(accountId: ID): BalanceChange! @live(subject: "ledger.balance.changed", filterArgs: ["accountId"])
  }`;
const schema = buildSchema(sdl);
const SECRET = 'row 7f3a9c at /srv/ledger/src/db.ts:42';

/** The hub's contract (per-user fan-out) in memory. */
class FakeHub {
  readonly listeners = new Set<LiveListener>();
  add(_subject: string, listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  publish(userId: string, data: Record<string, unknown>): void {
    const raw = JSON.stringify({ userId, data });
    for (const listener of this.listeners)
      if (listener.userId === userId) listener.deliver({ raw, userId, data });
  }
}

/** `Bearer <user>:<expires at, epoch ms>`; anything else is refused. */
async function authenticate(authorization: string | undefined): Promise<RouterCaller> {
  const match = /^Bearer (\w+):(\d+)$/.exec(authorization ?? '');
  if (!match || Number(match[2]) <= Date.now()) throw new Error('invalid credential');
  return {
    userId: match[1]!,
    scopes: new Set(),
    timeZone: 'UTC',
    expiresAt: Number(match[2]),
  };
}
const token = (user: string, lifetimeMs = 60_000) => `Bearer ${user}:${Date.now() + lifetimeMs}`;

interface Frame {
  type: string;
  id?: string;
  payload?: unknown;
}

describe('the router graphql-ws server', () => {
  let server: Server;
  let url: string;
  let subscriptions: ReturnType<typeof attachSubscriptionServer>;
  const hub = new FakeHub();
  let releaseSlow: () => void = () => undefined;
  const clients: Client[] = [];

  beforeAll(async () => {
    server = createServer();
    subscriptions = attachSubscriptionServer({
      server,
      path: '/graphql',
      schema: () => schema,
      specs: liveSpecs(sdl),
      hub,
      authenticate,
      execute: async (query) => {
        if (query.includes('boom')) throw new Error(SECRET);
        if (query.includes('slow')) await new Promise<void>((resolve) => (releaseSlow = resolve));
        return { data: { hello: 'world' } };
      },
      rateLimit: (key) => {
        if (key === 'greedy')
          throw new GraphQLError('Too many requests', {
            extensions: { code: ErrorCode.RATE_LIMITED },
          });
      },
      validationRules: [],
      bufferLimit: 10,
      maxBufferedBytes: 1 << 20,
      initTimeoutMs: 200,
      sweepMs: 20,
      log: createLogger('ws-test', 'silent'),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await subscriptions.close();
    await new Promise((resolve) => server.close(resolve));
  });

  /** A socket speaking raw frames. */
  function raw(protocols: string[] = [PROTOCOL]) {
    const ws = new WebSocket(url, protocols);
    const frames: Frame[] = [];
    ws.on('message', (data) => frames.push(JSON.parse((data as Buffer).toString()) as Frame));
    const opened = new Promise((resolve) => ws.once('open', resolve));
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    const send = async (frame: Frame | string) => {
      await opened;
      ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
    };
    const acked = async (authorization = token('ana')) => {
      await send({ type: 'connection_init', payload: { authorization } });
      await waitFor(() => frames.some((f) => f.type === 'connection_ack'), {
        intervalMs: 5,
        what: 'connection_ack',
      });
    };
    return { ws, frames, closed, send, acked };
  }

  it('closes with the protocol codes', async () => {
    expect((await raw([]).closed).code).toBe(4406);

    const garbage = raw();
    await garbage.send('not json');
    expect((await garbage.closed).code).toBe(4400);

    const early = raw();
    await early.send({ id: '1', type: 'subscribe', payload: { query: '{ hello }' } });
    expect((await early.closed).code).toBe(4401);

    const forged = raw();
    await forged.send({ type: 'connection_init', payload: { authorization: 'Bearer nope' } });
    expect((await forged.closed).code).toBe(4403);

    expect((await raw().closed).code).toBe(4408); // never sends connection_init

    const twice = raw();
    await twice.acked();
    await twice.send({ type: 'connection_init', payload: { authorization: token('ana') } });
    expect((await twice.closed).code).toBe(4429);

    const duplicate = raw();
    await duplicate.acked();
    await duplicate.send({ id: 'x', type: 'subscribe', payload: { query: '{ slow }' } });
    await duplicate.send({ id: 'x', type: 'subscribe', payload: { query: '{ slow }' } });
    expect((await duplicate.closed).code).toBe(4409);
    releaseSlow();
  });

  it('answers a ping before connection_init, and serves queries once acknowledged', async () => {
    const socket = raw();
    await socket.send({ type: 'ping' });
    await waitFor(() => socket.frames.some((f) => f.type === 'pong'), { intervalMs: 5 });
    await socket.acked();
    await socket.send({ id: 'q', type: 'subscribe', payload: { query: '{ hello }' } });
    await waitFor(() => socket.frames.some((f) => f.type === 'complete'), { intervalMs: 5 });
    expect(socket.frames.filter((f) => f.id === 'q')).toEqual([
      { id: 'q', type: 'next', payload: { data: { hello: 'world' } } },
      { id: 'q', type: 'complete' },
    ]);
    socket.ws.close();
  });

  it('answers a rate-limited subscribe with an error for that operation only', async () => {
    const socket = raw();
    await socket.acked(token('greedy'));
    await socket.send({ id: 'r', type: 'subscribe', payload: { query: '{ hello }' } });
    await waitFor(() => socket.frames.some((f) => f.type === 'error'), { intervalMs: 5 });
    expect(JSON.stringify(socket.frames)).toContain('RATE_LIMITED');
    expect(socket.ws.readyState).toBe(WebSocket.OPEN);
    socket.ws.close();
  });

  it('closes with 4500 on an internal error, and tells nothing of it', async () => {
    const socket = raw();
    await socket.acked();
    await socket.send({ id: 'b', type: 'subscribe', payload: { query: '{ boom }' } });
    const closed = await socket.closed;
    expect(closed).toEqual({ code: 4500, reason: 'Internal server error' });
    expect(socket.frames).toEqual([{ type: 'connection_ack' }]);
    expect(JSON.stringify(closed)).not.toContain('7f3a9c');
  });

  it('closes with 4403 when the credential expires mid-connection', async () => {
    const socket = raw();
    await socket.acked(token('ana', 150));
    const closed = await socket.closed;
    expect(closed.code).toBe(4403);
    expect(closed.reason).toMatch(/expired/);
  });

  it("lets graphql-ws's client reconnect by itself after its token expires, and resume its subscription", async () => {
    const closes: number[] = [];
    let connections = 0;
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: async () => ({ authorization: token('bea', 300) }),
      retryAttempts: 3,
      retryWait: async () => undefined,
      on: {
        connected: () => (connections += 1),
        closed: (event) => closes.push((event as { code: number }).code),
      },
    });
    clients.push(client);
    const received: unknown[] = [];
    const errors: unknown[] = [];
    client.subscribe(
      { query: 'subscription { balanceChanged(accountId: "a1") { accountId } }' },
      {
        next: (value) => received.push(value.data),
        error: (error) => errors.push(error),
        complete: () => undefined,
      },
    );
    const listener = () => [...hub.listeners].find((l) => l.userId === 'bea');
    const first = await waitFor(listener, { intervalMs: 5, what: 'first subscription' });
    await waitFor(() => connections >= 2 && listener() !== first && listener(), {
      intervalMs: 5,
      what: 'the subscription after reconnecting',
    });
    hub.publish('bea', { accountId: 'a1' });
    await waitFor(() => received.length === 1, { intervalMs: 5, what: 'the event' });
    expect(received).toEqual([{ balanceChanged: { accountId: 'a1' } }]);
    expect(closes[0]).toBe(4403);
    expect(errors).toEqual([]);
  });
});
