/** What a signed-in client holds. `expiresAt` is the access token's expiry (ISO-8601). */
export interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
}

/**
 * Where a client keeps its tokens between runs (a file, localStorage, a keychain...).
 * `save(null)` forgets them (sign-out, or a refresh token the server refused).
 */
export interface TokenStore {
  load(): Tokens | null | Promise<Tokens | null>;
  save(tokens: Tokens | null): void | Promise<void>;
}

/** Keeps tokens in memory only: the default. */
export function memoryTokenStore(initial: Tokens | null = null): TokenStore {
  let tokens = initial;
  return {
    load: () => tokens,
    save: (next) => {
      tokens = next;
    },
  };
}

/** The part of the Web Storage API (`localStorage`, `sessionStorage`) the store uses. */
export interface WebStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** A token store over a Web Storage (e.g. `localStorage`) entry. */
export function webStorageTokenStore(storage: WebStorage, key = 'saldo.tokens'): TokenStore {
  return {
    load: () => {
      const raw = storage.getItem(key);
      return raw ? (JSON.parse(raw) as Tokens) : null;
    },
    save: (tokens) => {
      if (tokens) storage.setItem(key, JSON.stringify(tokens));
      else storage.removeItem(key);
    },
  };
}

/** Seconds since the epoch at which the JWT was issued (`iat`), if readable. */
export function issuedAtMs(jwt: string): number | undefined {
  const payload = jwt.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const iat = (JSON.parse(json) as { iat?: unknown }).iat;
    return typeof iat === 'number' ? iat * 1000 : undefined;
  } catch {
    return undefined;
  }
}
