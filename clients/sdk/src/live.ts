import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createClient, type Client } from 'graphql-ws';
import { print } from 'graphql';
import { SaldoError } from './errors';

export interface LiveOptions {
  url: string;
  /** A WebSocket class: the browser's by default; on Node 20 pass the `ws` package's. */
  webSocketImpl: unknown;
  /** The `authorization` for each (re)connect: a fresh token every time. */
  authorization: () => Promise<string | undefined>;
  /** Longest wait between reconnect attempts. */
  maxRetryDelayMs: number;
  onConnected?: () => void;
}

/** One graphql-ws connection, opened on first subscription, reconnecting forever. */
export class Live {
  private client: Client | null = null;
  /** How many times the socket has been acknowledged (reconnects included). */
  connections = 0;

  constructor(private readonly options: LiveOptions) {}

  /** Yields each event's `data` (or `data[field]`); ends when the server completes. */
  async *iterate<R, V, T = R>(
    document: TypedDocumentNode<R, V>,
    variables: V | undefined,
    pick: (data: R) => T = (data) => data as unknown as T,
  ): AsyncGenerator<T, void, undefined> {
    const results = this.connection().iterate<R>({
      query: print(document),
      variables: variables ?? {},
    });
    try {
      for await (const result of results) {
        if (result.errors?.length) {
          throw SaldoError.fromGraphQL(result.errors);
        }
        if (result.data) yield pick(result.data);
      }
    } finally {
      await results.return?.();
    }
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.dispose();
  }

  private connection(): Client {
    if (this.client) return this.client;
    const impl = this.options.webSocketImpl ?? (globalThis as { WebSocket?: unknown }).WebSocket;
    if (!impl) {
      throw new SaldoError(
        'BAD_USER_INPUT',
        'No WebSocket here: pass webSocketImpl (e.g. `require("ws")` on Node 20)',
      );
    }
    const { maxRetryDelayMs } = this.options;
    this.client = createClient({
      url: this.options.url,
      webSocketImpl: impl,
      lazy: true,
      connectionParams: async () => {
        const authorization = await this.options.authorization();
        return authorization ? { authorization } : {};
      },
      // A router restart or a deploy must not end a subscription: retry forever.
      retryAttempts: Number.POSITIVE_INFINITY,
      shouldRetry: () => true,
      retryWait: async (retries) => {
        const ms = Math.min(maxRetryDelayMs, 100 * 2 ** retries) * (0.5 + Math.random() / 2);
        await new Promise((resolve) => setTimeout(resolve, ms));
      },
      on: {
        connected: () => {
          this.connections += 1;
          this.options.onConnected?.();
        },
      },
    });
    return this.client;
  }
}
