import { SaldoError } from './errors';
import {
  IdentityRefreshSessionDocument,
  IdentityRegisterDocument,
  IdentitySignInDocument,
  IdentitySignOutDocument,
  type AuthPartsFragment,
  type RegisterInput,
} from './generated/graphql';
import { issuedAtMs, memoryTokenStore, type Tokens, type TokenStore } from './tokens';
import { send, type TransportOptions } from './transport';

/**
 * How a client proves who it is:
 * - `{ email, password }` signs in on first use (and again if the refresh token dies);
 * - `{ refreshToken }` starts from a refresh token;
 * - `{ apiKey }` for partner integrations (no tokens, no refresh);
 * - `{ store }` resumes from tokens saved earlier (any of the first two can add a store).
 * Without `auth` the client is anonymous until `client.auth.signIn()` or `register()`.
 */
export type SaldoAuth =
  | { email: string; password: string; store?: TokenStore }
  | { refreshToken: string; store?: TokenStore }
  | { apiKey: string }
  | { store: TokenStore };

export interface SignedIn {
  tokens: Tokens;
  user: AuthPartsFragment['user'];
}

// Refresh this long before the access token expires (or at half its life if shorter).
const REFRESH_AHEAD_MS = 60_000;

/** Holds the caller's credential; refreshes access tokens single-flight. */
export class Session {
  private readonly store: TokenStore;
  private tokens: Tokens | null | undefined; // undefined: not loaded from the store yet
  private inflight: Promise<Tokens | null> | null = null;
  /** How many refreshSession calls this session made (for diagnostics and tests). */
  refreshes = 0;

  constructor(
    private readonly transport: TransportOptions,
    private readonly auth: SaldoAuth | undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.store = auth && 'store' in auth && auth.store ? auth.store : memoryTokenStore();
  }

  get isApiKey(): boolean {
    return !!this.auth && 'apiKey' in this.auth;
  }

  /** The `authorization` header for the next request (refreshing first if due). */
  async authorization(): Promise<string | undefined> {
    if (this.auth && 'apiKey' in this.auth) return `ApiKey ${this.auth.apiKey}`;
    let tokens = await this.current();
    if (!tokens) {
      if (!this.canObtain()) return undefined;
      tokens = await this.refresh(null);
    } else if (this.dueForRefresh(tokens)) {
      tokens = await this.refresh(tokens.accessToken);
    }
    return tokens ? `Bearer ${tokens.accessToken}` : undefined;
  }

  /**
   * Gets a new access token unless one newer than `stale` is already there. Concurrent
   * callers share one refresh: a refresh token can be used once (rotation).
   */
  refresh(stale: string | null): Promise<Tokens | null> {
    if (this.isApiKey) return Promise.resolve(null);
    if (this.inflight) return this.inflight;
    if (this.tokens && this.tokens.accessToken !== stale && !this.dueForRefresh(this.tokens)) {
      return Promise.resolve(this.tokens);
    }
    this.inflight = this.obtain().finally(() => (this.inflight = null));
    return this.inflight;
  }

  async signIn(email: string, password: string): Promise<SignedIn> {
    const data = await send(
      this.transport,
      IdentitySignInDocument,
      { email, password },
      {
        repeatable: false,
      },
    );
    return this.keep(data.signIn);
  }

  async register(input: RegisterInput): Promise<SignedIn> {
    const data = await send(
      this.transport,
      IdentityRegisterDocument,
      { input },
      {
        repeatable: false,
      },
    );
    return this.keep(data.register);
  }

  /** Revokes the refresh token on the server (best effort) and forgets the tokens. */
  async signOut(): Promise<void> {
    const tokens = await this.current();
    this.tokens = null;
    await this.store.save(null);
    if (!tokens) return;
    try {
      await send(
        this.transport,
        IdentitySignOutDocument,
        { refreshToken: tokens.refreshToken },
        {
          repeatable: true,
          authorization: `Bearer ${tokens.accessToken}`,
        },
      );
    } catch (error) {
      // An already revoked or expired refresh token is signed out anyway.
      if (!(error instanceof SaldoError) || error.code !== 'UNAUTHENTICATED') throw error;
    }
  }

  async current(): Promise<Tokens | null> {
    if (this.tokens === undefined) this.tokens = (await this.store.load()) ?? null;
    return this.tokens;
  }

  private canObtain(): boolean {
    return !!this.auth && ('email' in this.auth || 'refreshToken' in this.auth);
  }

  private dueForRefresh(tokens: Tokens): boolean {
    const expires = Date.parse(tokens.expiresAt);
    if (Number.isNaN(expires)) return true;
    const issued = issuedAtMs(tokens.accessToken);
    const ahead = issued ? Math.min(REFRESH_AHEAD_MS, (expires - issued) / 2) : REFRESH_AHEAD_MS;
    return this.now() >= expires - ahead;
  }

  private async obtain(): Promise<Tokens | null> {
    const refreshToken =
      (await this.current())?.refreshToken ??
      (this.auth && 'refreshToken' in this.auth ? this.auth.refreshToken : undefined);
    if (refreshToken) {
      try {
        this.refreshes += 1;
        const data = await send(
          this.transport,
          IdentityRefreshSessionDocument,
          { refreshToken },
          {
            repeatable: false,
          },
        );
        return (await this.keep(data.refreshSession)).tokens;
      } catch (error) {
        if (!(error instanceof SaldoError) || error.code !== 'UNAUTHENTICATED') throw error;
        this.tokens = null;
        await this.store.save(null);
      }
    }
    if (this.auth && 'email' in this.auth) {
      return (await this.signIn(this.auth.email, this.auth.password)).tokens;
    }
    throw new SaldoError('UNAUTHENTICATED', 'Signed out: sign in again');
  }

  private async keep(payload: AuthPartsFragment): Promise<SignedIn> {
    const tokens: Tokens = {
      accessToken: payload.accessToken,
      refreshToken: payload.refreshToken,
      expiresAt: payload.expiresAt,
    };
    this.tokens = tokens;
    await this.store.save(tokens);
    return { tokens, user: payload.user };
  }
}
