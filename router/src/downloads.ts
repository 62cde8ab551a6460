import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import { Pool } from 'undici';
import { routeParams, Scope, type Handler, type Logger } from '@saldo/kit';
import type { Authenticator } from './auth/authenticate';
import { ANONYMOUS_CALLER, type RouterCaller } from './auth/caller';
import type { InternalTokenMinter } from './auth/internal-tokens';

export interface BoletoDownloadOptions {
  /** The billing subgraph's base URL (`http://127.0.0.1:4008`), or null when it is not composed. */
  billingUrl: string | null;
  authenticate: Authenticator;
  mint: InternalTokenMinter;
  rateLimit: (key: string) => void;
  log: Logger;
}

class DownloadError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function fail(res: ServerResponse, status: number, code: string, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** What may be done with GraphQL auth errors here: the HTTP status they stand for. */
function httpError(error: unknown, status: number, code: string): never {
  if (error instanceof GraphQLError) throw new DownloadError(status, code, error.message);
  throw error;
}

// The headers of the subgraph's answer the client may see.
const PASSED = ['content-type', 'content-length', 'content-disposition', 'cache-control', 'etag'];

/**
 * `GET /billing/charges/:id/boleto.pdf`: the owner with their token (`billing:read`), or a
 * payer with the signed, expiring link from the charge email (`?exp=&sig=`, checked by
 * billing). Either way billing receives a router-signed identity (the payer's is anonymous)
 * and the PDF streams back as billing answers it.
 */
export function boletoDownloadRoute(options: BoletoDownloadOptions): {
  handler: Handler;
  close(): Promise<void>;
} {
  const pool = options.billingUrl ? new Pool(options.billingUrl, { connections: 8 }) : null;
  const handler: Handler = async (req: IncomingMessage, res: ServerResponse) => {
    try {
      if (!pool) throw new DownloadError(503, 'UNAVAILABLE', 'Billing is not served here');
      const { id = '' } = routeParams(req);
      const search = new URL(req.url ?? '/', 'http://router').searchParams;
      let caller: RouterCaller = ANONYMOUS_CALLER;
      if (req.headers.authorization) {
        caller = await options
          .authenticate(req.headers.authorization)
          .catch((e: unknown) => httpError(e, 401, 'UNAUTHENTICATED'));
        if (!caller.userId) throw new DownloadError(401, 'UNAUTHENTICATED', 'Sign in first');
        if (!caller.scopes.has(Scope.BILLING_READ)) {
          throw new DownloadError(403, 'FORBIDDEN', 'Missing scope: billing:read');
        }
      } else if (!search.get('sig') || !search.get('exp')) {
        throw new DownloadError(401, 'UNAUTHENTICATED', 'Sign in, or use the link from the email');
      }
      try {
        options.rateLimit(caller.userId ?? `ip:${req.socket.remoteAddress ?? ''}`);
      } catch (error) {
        httpError(error, 429, 'RATE_LIMITED');
      }
      const token = await options.mint('billing', caller);
      const query = new URLSearchParams();
      for (const key of ['exp', 'sig']) {
        const value = search.get(key);
        if (value) query.set(key, value);
      }
      const requestId = req.headers['x-request-id'];
      const answer = await pool.request({
        path: `/charges/${encodeURIComponent(id)}/boleto.pdf${query.size > 0 ? `?${query.toString()}` : ''}`,
        method: 'GET',
        headers: {
          authorization: `Bearer ${token}`,
          ...(typeof requestId === 'string' ? { 'x-request-id': requestId } : {}),
        },
      });
      const headers: Record<string, string> = {};
      for (const name of PASSED) {
        const value = answer.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      res.writeHead(answer.statusCode, headers);
      for await (const chunk of answer.body) res.write(chunk);
      res.end();
    } catch (error) {
      if (error instanceof DownloadError) fail(res, error.status, error.code, error.message);
      else {
        options.log.error({ err: error }, 'boleto download failed');
        fail(res, 502, 'INTERNAL_SERVER_ERROR', 'The boleto could not be fetched');
      }
    }
  };
  return { handler, close: async () => pool?.close() };
}
