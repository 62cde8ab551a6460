import type { ServerResponse } from 'node:http';
import {
  ANONYMOUS,
  readBody,
  Scope,
  sendJson,
  type Handler,
  type SubgraphRuntime,
} from '@saldo/kit';
import type { ApiKeys } from './api-key.service';

export const VERIFY_PATH = '/internal/api-keys/verify';

const refuse = (res: ServerResponse, status: number, error: string) =>
  sendJson(res, status, { error });

/**
 * `POST /internal/api-keys/verify` `{ "key": "saldo_..." }`, for the router only (its internal
 * token with scope `router`): 200 `{ userId, scopes, timeZone }` or 401 `{ error }`.
 */
export function verifyApiKeyRoute(runtime: SubgraphRuntime, apiKeys: ApiKeys): Handler {
  return async (req, res) => {
    const caller = await runtime.authenticate(req).catch(() => null);
    if (caller === null || caller === ANONYMOUS) return refuse(res, 401, 'Router token required');
    if (!caller.scopes.has(Scope.ROUTER)) return refuse(res, 403, 'Router only');
    const key = parseKey(await readBody(req, 4096));
    if (key === null) return refuse(res, 400, 'Expected a JSON body { "key": string }');
    const identity = await apiKeys.verify(runtime.orm.em.fork(), key);
    if (identity === null) return refuse(res, 401, 'Invalid or revoked API key');
    sendJson(res, 200, identity);
  };
}

function parseKey(body: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || !('key' in parsed)) return null;
  return typeof parsed.key === 'string' ? parsed.key : null;
}
