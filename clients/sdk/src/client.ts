import type { ResultOf, TypedDocumentNode, VariablesOf } from '@graphql-typed-document-node/core';
import { Kind, OperationTypeNode, type DocumentNode } from 'graphql';
import { Session, type SaldoAuth, type SignedIn } from './auth';
import { SaldoError } from './errors';
import type { RegisterInput } from './generated/graphql';
import { operations } from './generated/operations';
import { Live } from './live';
import type { Tokens } from './tokens';
import { send, type FetchLike, type TransportOptions } from './transport';
import { putUpload, type UploadedFile, type UploadOptions, type UploadSource } from './uploads';

export interface SaldoClientOptions {
  /** The router's GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  url: string;
  auth?: SaldoAuth;
  /** graphql-ws endpoint; defaults to `url` with ws(s)://. */
  wsUrl?: string;
  /** `POST /uploads` endpoint; defaults to `url` with `/uploads` for `/graphql`. */
  uploadsUrl?: string;
  /** WebSocket class for subscriptions (Node 20 has none: pass the `ws` package's). */
  webSocketImpl?: unknown;
  fetch?: FetchLike;
  /** Extra headers on every HTTP request. */
  headers?: Record<string, string>;
  /** Retries after a network failure for queries and idempotent mutations (default 3). */
  retries?: number;
  retryDelayMs?: number;
}

export interface CallOptions {
  signal?: AbortSignal;
}

type Operation = {
  kind: 'query' | 'mutation' | 'subscription';
  document: DocumentNode;
  field: string | null;
  idempotency: { variable: string; field?: string; list?: boolean } | null;
};
type Operations = typeof operations;
type Document = TypedDocumentNode<Record<string, unknown>, Record<string, unknown> | undefined>;

/** What a method answers: the operation's one root field (or the whole `data`). */
type Answer<O> = O extends { document: infer D; field: infer F }
  ? F extends keyof ResultOf<D>
    ? ResultOf<D>[F]
    : ResultOf<D>
  : never;
type Args<V> =
  Record<string, never> extends V
    ? [variables?: V, options?: CallOptions]
    : [variables: V, options?: CallOptions];
type Method<O> = O extends { kind: 'subscription'; document: infer D }
  ? (...args: Args<VariablesOf<D>>) => AsyncGenerator<Answer<O>, void, undefined>
  : O extends { document: infer D }
    ? (...args: Args<VariablesOf<D>>) => Promise<Answer<O>>
    : never;

/** `client.<domain>.<method>`: generated from clients/sdk/src/operations/*.graphql. */
export type Domains = {
  [D in keyof Operations]: { [M in keyof Operations[D]]: Method<Operations[D][M]> };
};

export interface SaldoAuthApi {
  signIn(email: string, password: string): Promise<SignedIn>;
  register(input: RegisterInput): Promise<SignedIn>;
  /** Revokes the refresh token, forgets the tokens, closes the live connection. */
  signOut(): Promise<void>;
  /** The tokens held now (null when signed out or using an API key). */
  tokens(): Promise<Tokens | null>;
  /** How many token refreshes this client has made. */
  readonly refreshes: number;
}

export type SaldoClient = Domains & {
  /** Any typed document (e.g. from `graphql()` of your own codegen). */
  request<R, V>(document: TypedDocumentNode<R, V>, ...args: Args<V>): Promise<R>;
  /** Any typed subscription document, as an async iterator of its `data`. */
  subscription<R, V>(
    document: TypedDocumentNode<R, V>,
    ...args: Args<V>
  ): AsyncGenerator<R, void, undefined>;
  uploads: { put(source: UploadSource, options?: UploadOptions): Promise<UploadedFile> };
  auth: SaldoAuthApi;
  /** How many times the live connection has connected (reconnects included). */
  readonly liveConnections: number;
  /** Closes the live connection. */
  close(): Promise<void>;
};

/** Fills a fresh idempotency key where the caller gave none, so retries never book twice. */
function withIdempotencyKey(op: Operation, variables: Record<string, unknown> | undefined) {
  const rule = op.idempotency;
  if (!rule) return variables;
  const vars = { ...variables };
  const key = () => globalThis.crypto.randomUUID();
  if (!rule.field) {
    vars[rule.variable] ??= key();
    return vars;
  }
  const field = rule.field;
  const fill = (input: unknown) =>
    input && typeof input === 'object' && (input as Record<string, unknown>)[field] == null
      ? { ...input, [field]: key() }
      : input;
  const value = vars[rule.variable];
  vars[rule.variable] = Array.isArray(value) ? value.map(fill) : fill(value);
  return vars;
}

const RESERVED = new Set([
  'request',
  'subscription',
  'uploads',
  'auth',
  'close',
  'liveConnections',
]);

export function createSaldoClient(options: SaldoClientOptions): SaldoClient {
  const transport: TransportOptions = {
    url: options.url,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    headers: options.headers ?? {},
    retries: options.retries ?? 3,
    retryDelayMs: options.retryDelayMs ?? 200,
  };
  const session = new Session(transport, options.auth);
  const live = new Live({
    url: options.wsUrl ?? options.url.replace(/^http/, 'ws'),
    webSocketImpl: options.webSocketImpl,
    authorization: () => session.authorization(),
    maxRetryDelayMs: 5_000,
  });

  // One call: authorise, send, and on UNAUTHENTICATED refresh once and send again.
  async function call<R, V>(
    document: TypedDocumentNode<R, V>,
    variables: V | undefined,
    repeatable: boolean,
    callOptions: CallOptions | undefined,
  ): Promise<R> {
    const authorization = await session.authorization();
    const attempt = (header: string | undefined) =>
      send(transport, document, variables, {
        authorization: header,
        repeatable,
        signal: callOptions?.signal,
      });
    try {
      return await attempt(authorization);
    } catch (error) {
      const canRefresh =
        error instanceof SaldoError &&
        error.code === 'UNAUTHENTICATED' &&
        authorization?.startsWith('Bearer ');
      if (!canRefresh || !authorization) throw error;
      const tokens = await session.refresh(authorization.slice('Bearer '.length));
      if (!tokens) throw error;
      return attempt(`Bearer ${tokens.accessToken}`);
    }
  }

  function method(op: Operation) {
    if (op.kind === 'subscription') {
      return (variables?: Record<string, unknown>) =>
        live.iterate(op.document, variables, (data: Record<string, unknown>) =>
          op.field ? data[op.field] : data,
        );
    }
    return async (variables?: Record<string, unknown>, callOptions?: CallOptions) => {
      const vars = withIdempotencyKey(op, variables);
      // A query, or a mutation carrying an idempotency key, is safe to send again.
      const repeatable = op.kind === 'query' || op.idempotency !== null;
      const data = await call(op.document as Document, vars, repeatable, callOptions);
      return op.field ? data[op.field] : data;
    };
  }

  const domains: Record<string, Record<string, unknown>> = {};
  for (const [domain, methods] of Object.entries(operations)) {
    if (RESERVED.has(domain)) throw new Error(`operation file name "${domain}" is reserved`);
    domains[domain] = Object.fromEntries(
      Object.entries(methods as unknown as Record<string, Operation>).map(([name, op]) => [
        name,
        method(op),
      ]),
    );
  }

  const client = {
    ...domains,
    request: <R, V>(document: TypedDocumentNode<R, V>, variables?: V, callOptions?: CallOptions) =>
      call(document, variables, isQuery(document), callOptions),
    subscription: <R, V>(document: TypedDocumentNode<R, V>, variables?: V) =>
      live.iterate(document, variables),
    uploads: {
      put: (source: UploadSource, uploadOptions?: UploadOptions) =>
        putUpload(
          {
            url: options.uploadsUrl ?? options.url.replace(/\/graphql\/?$/, '') + '/uploads',
            fetch: transport.fetch,
            headers: transport.headers,
            authorization: () => session.authorization(),
            refreshed: async (failed) =>
              !!failed?.startsWith('Bearer ') &&
              (await session.refresh(failed.slice('Bearer '.length))) !== null,
          },
          source,
          uploadOptions,
        ),
    },
    auth: {
      signIn: (email: string, password: string) => session.signIn(email, password),
      register: (input: RegisterInput) => session.register(input),
      signOut: async () => {
        await live.close();
        await session.signOut();
      },
      tokens: () => session.current(),
      get refreshes() {
        return session.refreshes;
      },
    },
    get liveConnections() {
      return live.connections;
    },
    close: () => live.close(),
  };
  return client as unknown as SaldoClient;
}

function isQuery(document: DocumentNode): boolean {
  return document.definitions.some(
    (d) => d.kind === Kind.OPERATION_DEFINITION && d.operation === OperationTypeNode.QUERY,
  );
}
