import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import { ANONYMOUS, type Caller } from './auth';
import { DomainError, ErrorCode } from './errors';

export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

const unauthenticated = (message: string) =>
  new GraphQLError(message, {
    extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
  });

export interface VerifiedRequest {
  caller: Caller;
  /** True when the request carries a valid router token (anonymous callers' included). */
  viaRouter: boolean;
  /** The end client's address: the router's `x-client-ip` when it comes through the router. */
  clientIp: string | null;
}

/**
 * The router's verified identity. No token means a direct, anonymous call
 * (public fields only); a bad token is refused. `x-client-ip` is trusted only
 * from the router, or anyone could pick the address a throttle keys on.
 */
export async function verifyRequest(
  req: IncomingMessage,
  verify: (token: string) => Promise<Caller>,
): Promise<VerifiedRequest> {
  const header = headerValue(req, 'authorization');
  const socketIp = req.socket.remoteAddress ?? null;
  if (!header) return { caller: ANONYMOUS, viaRouter: false, clientIp: socketIp };
  const match = /^Bearer (.+)$/i.exec(header);
  if (!match?.[1]) throw unauthenticated('Malformed authorization header');
  try {
    const caller = await verify(match[1]);
    return { caller, viaRouter: true, clientIp: headerValue(req, 'x-client-ip') ?? socketIp };
  } catch (error) {
    if (error instanceof DomainError) throw unauthenticated(error.message);
    throw error;
  }
}
