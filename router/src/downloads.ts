import type { IncomingMessage, ServerResponse } from 'node:http';
import { Pool } from 'undici';
import { routeParams, Scope, type Handler, type Logger } from '@saldo/kit';
import type { Authenticator } from './auth/authenticate';
import { ANONYMOUS_CALLER, type RouterCaller } from './auth/caller';
import type { InternalTokenMinter } from './auth/internal-tokens';
import { authoriseRoute, limitAnonymous, RouteError, sendError } from './route-errors';

export interface BoletoDownloadOptions {
  /** The billing subgraph's base URL (`http://127.0.0.1:4008`), or null when it is not composed. */
  billingUrl: string | null;
  authenticate: Authenticator;
  mint: InternalTokenMinter;
  rateLimit: (key: string) => void;
  log: Logger;
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
      if (!pool) throw new RouteError(503, 'UNAVAILABLE', 'Billing is not served here');
      const { id = '' } = routeParams(req);
      const search = new URL(req.url ?? '/', 'http://router').searchParams;
      let caller: RouterCaller = ANONYMOUS_CALLER;
      if (req.headers.authorization) {
        caller = await authoriseRoute(
          options.authenticate,
          options.rateLimit,
          req.headers.authorization,
          Scope.BILLING_READ,
        );
      } else if (!search.get('sig') || !search.get('exp')) {
        throw new RouteError(401, 'UNAUTHENTICATED', 'Sign in, or use the link from the email');
      } else {
        await limitAnonymous(options.rateLimit, req.socket.remoteAddress);
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
      // A failure mid-body can only cut the answer short.
      if (res.headersSent) res.destroy();
      else if (error instanceof RouteError) sendError(res, error.status, error.code, error.message);
      else {
        options.log.error({ err: error }, 'boleto download failed');
        sendError(res, 502, 'INTERNAL_SERVER_ERROR', 'The boleto could not be fetched');
      }
    }
  };
  return { handler, close: async () => pool?.close() };
}
