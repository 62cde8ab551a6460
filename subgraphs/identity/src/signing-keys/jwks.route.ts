import { sendJson, type Handler, type Orm } from '@saldo/kit';
import type { SigningKeys } from './signing-key.service';

export const JWKS_PATH = '/.well-known/jwks.json';

/**
 * `GET /.well-known/jwks.json`, anonymous: the active public key and the retired ones
 * whose tokens may still be valid. A short cache: the router also refetches on an unknown kid.
 */
export function jwksRoute(orm: Orm, keys: SigningKeys): Handler {
  return async (_req, res) => {
    const published = await keys.published(orm.em.fork());
    res.setHeader('cache-control', 'public, max-age=60');
    sendJson(res, 200, { keys: published });
  };
}
