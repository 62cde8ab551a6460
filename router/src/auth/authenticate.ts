import { GraphQLError } from 'graphql';
import { ErrorCode } from '@saldo/kit';
import { ANONYMOUS_CALLER, type RouterCaller } from './caller';

export type Authenticator = (authorization: string | undefined) => Promise<RouterCaller>;

export const unauthenticated = (message: string) =>
  new GraphQLError(message, {
    extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
  });

/** `Bearer <access JWT>`, `ApiKey <key>`, or nothing (anonymous). Anything else is refused. */
export function createAuthenticator(
  verifyAccessToken: (token: string) => Promise<RouterCaller | null>,
  verifyApiKey: (key: string) => Promise<RouterCaller | null>,
): Authenticator {
  return async (authorization) => {
    if (!authorization) return ANONYMOUS_CALLER;
    const space = authorization.indexOf(' ');
    const scheme = authorization.slice(0, space).toLowerCase();
    const credential = authorization.slice(space + 1).trim();
    if (space > 0 && credential) {
      if (scheme === 'bearer') {
        const caller = await verifyAccessToken(credential);
        if (caller) return caller;
        throw unauthenticated('Invalid or expired access token');
      }
      if (scheme === 'apikey') {
        const caller = await verifyApiKey(credential);
        if (caller) return caller;
        throw unauthenticated('Invalid or revoked API key');
      }
    }
    throw unauthenticated('Authorization must be "Bearer <access token>" or "ApiKey <key>"');
  };
}
