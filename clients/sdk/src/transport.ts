import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Kind, print, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { SaldoError, type GraphQLErrorShape } from './errors';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface TransportOptions {
  url: string;
  fetch: FetchLike;
  headers: Record<string, string>;
  /** Attempts after the first for calls that are safe to repeat. */
  retries: number;
  /** First backoff; doubles per attempt. */
  retryDelayMs: number;
}

export interface SendOptions {
  authorization?: string | undefined;
  /** Safe to send again after a network failure (queries, mutations with an idempotency key). */
  repeatable: boolean;
  signal?: AbortSignal | undefined;
}

const printed = new WeakMap<DocumentNode, { query: string; operationName: string | undefined }>();

function source(document: DocumentNode) {
  let entry = printed.get(document);
  if (!entry) {
    const op = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    entry = { query: print(document), operationName: op?.name?.value };
    printed.set(document, entry);
  }
  return entry;
}

// Gateway errors mean the request may not have reached the API: like a dropped connection.
const RETRYABLE_STATUS = new Set([502, 503, 504]);

const delay = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    });
  });

/** POSTs one GraphQL operation; answers its `data` or throws a SaldoError. */
export async function send<R, V>(
  options: TransportOptions,
  document: TypedDocumentNode<R, V>,
  variables: V | undefined,
  call: SendOptions,
): Promise<R> {
  const { query, operationName } = source(document);
  const body = JSON.stringify({ query, variables: variables ?? {}, operationName });
  const attempts = call.repeatable ? options.retries + 1 : 1;
  for (let attempt = 1; ; attempt += 1) {
    let response: Response;
    try {
      response = await options.fetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...options.headers,
          ...(call.authorization ? { authorization: call.authorization } : {}),
        },
        body,
        ...(call.signal ? { signal: call.signal } : {}),
      });
    } catch (cause) {
      if (call.signal?.aborted || attempt >= attempts) {
        throw new SaldoError('NETWORK_ERROR', `Saldo API unreachable: ${messageOf(cause)}`, {
          cause,
        });
      }
      await delay(options.retryDelayMs * 2 ** (attempt - 1), call.signal);
      continue;
    }
    if (RETRYABLE_STATUS.has(response.status) && attempt < attempts) {
      await response.body?.cancel();
      await delay(options.retryDelayMs * 2 ** (attempt - 1), call.signal);
      continue;
    }
    return result<R>(response);
  }
}

async function result<R>(response: Response): Promise<R> {
  let json: { data?: R | null; errors?: GraphQLErrorShape[] };
  try {
    json = (await response.json()) as typeof json;
  } catch (cause) {
    throw new SaldoError('BAD_RESPONSE', `Saldo API answered HTTP ${response.status}`, {
      status: response.status,
      cause,
    });
  }
  if (json.errors?.length) throw SaldoError.fromGraphQL(json.errors, response.status);
  if (json.data === undefined || json.data === null) {
    throw new SaldoError('BAD_RESPONSE', 'Saldo API answered without data', {
      status: response.status,
    });
  }
  return json.data;
}

const messageOf = (error: unknown) => {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (cause && typeof cause.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
};
