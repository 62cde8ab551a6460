import { createInternalSigner, Scope } from '@saldo/kit';
import type { RouterCaller } from './caller';

/**
 * Mints the internal identity token per subgraph and caller. Tokens live
 * `ttlSeconds`; one is reused for half its life, so a busy user costs one
 * signature per subgraph every ttl/2 seconds rather than one per request.
 */
export async function createInternalTokenMinter(
  privateKeyPem: string,
  issuer: string,
  ttlSeconds: number,
) {
  const sign = await createInternalSigner(privateKeyPem, issuer);
  const cache = new Map<string, { token: string; renewAt: number }>();
  return async (
    audience: string,
    caller: RouterCaller,
    extraScopes: readonly Scope[] = [],
  ): Promise<string> => {
    const scopes = [...caller.scopes, ...extraScopes];
    const key = `${audience}|${caller.userId ?? ''}|${caller.timeZone}|${scopes.join(' ')}`;
    const now = Date.now();
    const hit = cache.get(key);
    if (hit && hit.renewAt > now) return hit.token;
    const token = await sign(
      audience,
      { sub: caller.userId, scopes, timeZone: caller.timeZone },
      ttlSeconds,
    );
    if (cache.size > 50_000) cache.clear();
    cache.set(key, { token, renewAt: now + (ttlSeconds * 1000) / 2 });
    return token;
  };
}

export type InternalTokenMinter = Awaited<ReturnType<typeof createInternalTokenMinter>>;
