import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { createSaldoClient, type SaldoClientOptions } from '../src';

export {
  registerUser,
  subscribed,
  useStack,
  waitForSubscriptions,
} from '@saldo/router/test/harness';

let counter = 0;
export const uniqueEmail = (name: string) => `${name}.${Date.now()}.${(counter += 1)}@example.com`;
export const PASSWORD = 'correct horse battery 9';

/** An SDK client of `url` (Node 20: ws for subscriptions). */
export const sdk = (url: string, options: Partial<SaldoClientOptions> = {}) =>
  createSaldoClient({ url, webSocketImpl: WebSocket, retryDelayMs: 20, ...options });

/** A client registered as a fresh user, with one BRL checking account. */
export async function signedUpWithAccount(url: string, options: Partial<SaldoClientOptions> = {}) {
  const client = sdk(url, options);
  const { user } = await client.auth.register({
    email: uniqueEmail('ana'),
    password: PASSWORD,
    name: 'Ana',
  });
  const account = await client.accounts.create({
    input: { name: 'Nubank', type: 'CHECKING', currency: 'BRL' },
  });
  return { client, user, account };
}

/** Counts the GraphQL operations a client sends, by operation name. */
export function countingFetch() {
  const counts = new Map<string, number>();
  const fetchImpl = async (input: string, init: RequestInit) => {
    if (typeof init.body === 'string') {
      const name = (JSON.parse(init.body) as { operationName?: string }).operationName ?? '';
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    return fetch(input, init);
  };
  return { fetch: fetchImpl, count: (name: string) => counts.get(name) ?? 0 };
}

export interface DroppingProxy {
  url: string;
  /** Bodies of the requests the proxy answered by dropping the connection. */
  dropped: string[];
  /** Bodies of every request for `operationName`, in order. */
  seen: string[];
  close(): Promise<void>;
}

/**
 * An HTTP proxy to the router that forwards the first request for `operationName`
 * and then drops the connection instead of answering: the request took effect, the
 * client saw a network error.
 */
export async function droppingProxy(target: string, operationName: string): Promise<DroppingProxy> {
  const dropped: string[] = [];
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) {
        if (typeof v === 'string' && !['host', 'content-length', 'connection'].includes(k))
          headers[k] = v;
      }
      void (async () => {
        const answer = await fetch(target, { method: 'POST', headers, body });
        const text = await answer.text();
        const isTarget = body.includes(`"operationName":"${operationName}"`);
        if (isTarget) seen.push(body);
        if (isTarget && dropped.length === 0) {
          dropped.push(body);
          req.socket.destroy();
          return;
        }
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(text);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    dropped,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
