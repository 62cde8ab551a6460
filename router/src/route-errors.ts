import type { ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import type { Scope } from '@saldo/kit';
import type { Authenticator } from './auth/authenticate';
import type { RouterCaller } from './auth/caller';

/** A refusal of one of the router's HTTP routes (uploads, downloads), sent as GraphQL errors. */
export class RouteError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** `{ errors: [{ message, extensions: { code } }] }` with `status`, unless a body already began. */
export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  close = false,
): void {
  if (res.headersSent) return;
  const text = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  const headers: Record<string, string | number> = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  };
  if (close) headers['connection'] = 'close';
  res.writeHead(status, headers);
  res.end(text);
}

/** Runs `fn`, turning the GraphQL error it throws (auth, rate limit) into a RouteError. */
async function asRoute<T>(fn: () => T | Promise<T>, status: number, code: string): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof GraphQLError) throw new RouteError(status, code, error.message);
    throw error;
  }
}

/** A signed-in caller holding `scope` (401, 403), within the rate limit (429). */
export async function authoriseRoute(
  authenticate: Authenticator,
  rateLimit: (key: string) => void,
  authorization: string | undefined,
  scope: Scope,
): Promise<RouterCaller> {
  const caller = await asRoute(() => authenticate(authorization), 401, 'UNAUTHENTICATED');
  if (!caller.userId) throw new RouteError(401, 'UNAUTHENTICATED', 'Sign in first');
  if (!caller.scopes.has(scope)) throw new RouteError(403, 'FORBIDDEN', `Missing scope: ${scope}`);
  const userId = caller.userId;
  await asRoute(() => rateLimit(userId), 429, 'RATE_LIMITED');
  return caller;
}

/** The rate limit for a caller without credentials, keyed by address (429). */
export async function limitAnonymous(
  rateLimit: (key: string) => void,
  ip: string | undefined,
): Promise<void> {
  await asRoute(() => rateLimit(`ip:${ip ?? ''}`), 429, 'RATE_LIMITED');
}
