import { request } from 'undici';
import { DEFAULT_TIME_ZONE, Scope } from '@saldo/kit';
import { ANONYMOUS_CALLER, type RouterCaller } from './caller';
import { scopeSet } from './scopes';
import type { InternalTokenMinter } from './internal-tokens';

interface VerifyResponse {
  userId: string;
  scopes: string[];
  timeZone?: string;
}

/**
 * Checks partner API keys with identity (`POST /internal/api-keys/verify`, as the
 * router), caching answers for `cacheSeconds`: a revoked key stops working within that.
 */
export function createApiKeyVerifier(options: {
  identityUrl: string;
  cacheSeconds: number;
  mint: InternalTokenMinter;
}) {
  const cache = new Map<string, { caller: RouterCaller | null; until: number }>();
  const endpoint = `${options.identityUrl}/internal/api-keys/verify`;
  return async (key: string): Promise<RouterCaller | null> => {
    const now = Date.now();
    const hit = cache.get(key);
    if (hit && hit.until > now) return hit.caller;
    const token = await options.mint('identity', ANONYMOUS_CALLER, [Scope.ROUTER]);
    const response = await request(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ key }),
    });
    let caller: RouterCaller | null = null;
    if (response.statusCode === 200) {
      const body = (await response.body.json()) as VerifyResponse;
      caller = {
        userId: body.userId,
        scopes: scopeSet(body.scopes),
        timeZone: body.timeZone ?? DEFAULT_TIME_ZONE,
        // Re-checked after the cache period, so a revoked key stops working.
        expiresAt: now + options.cacheSeconds * 1000,
      };
    } else {
      await response.body.dump();
      if (response.statusCode !== 401)
        throw new Error(`API key check failed with HTTP ${response.statusCode}`);
    }
    if (cache.size > 10_000) cache.clear();
    cache.set(key, { caller, until: now + options.cacheSeconds * 1000 });
    return caller;
  };
}
