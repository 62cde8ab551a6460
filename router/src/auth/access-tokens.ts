import { createRemoteJWKSet, jwtVerify, errors as joseErrors } from 'jose';
import { DEFAULT_TIME_ZONE } from '@saldo/kit';
import type { RouterCaller } from './caller';
import { scopeSet } from './scopes';

/**
 * Verifies identity's access JWTs against its JWKS. jose caches the key set and
 * refetches it when a token names an unknown `kid` (key rotation), at most every
 * `cooldown` ms. Verified tokens are cached until they expire.
 */
export function createAccessTokenVerifier(options: {
  jwksUrl: string;
  issuer: string;
  audience: string;
}) {
  const jwks = createRemoteJWKSet(new URL(options.jwksUrl), {
    cooldownDuration: 5_000,
    cacheMaxAge: 600_000,
  });
  const cache = new Map<string, RouterCaller>();
  return async (token: string): Promise<RouterCaller | null> => {
    // Keyed by the signature segment: shorter than the token, and only the holder of
    // the verified token can present that signature.
    const key = token.slice(token.lastIndexOf('.') + 1);
    const hit = cache.get(key);
    if (hit && hit.expiresAt > Date.now()) return hit;
    try {
      const { payload } = await jwtVerify(token, jwks, {
        issuer: options.issuer,
        audience: options.audience,
        requiredClaims: ['sub', 'exp'],
      });
      const scopes = typeof payload['scope'] === 'string' ? payload['scope'].split(' ') : [];
      const caller: RouterCaller = {
        userId: payload.sub!,
        scopes: scopeSet(scopes),
        timeZone: typeof payload['tz'] === 'string' ? payload['tz'] : DEFAULT_TIME_ZONE,
        expiresAt: payload.exp! * 1000,
      };
      if (cache.size > 50_000) cache.clear();
      cache.set(key, caller);
      return caller;
    } catch (error) {
      if (error instanceof joseErrors.JOSEError) return null;
      throw error;
    }
  };
}
