import { generateKeyPairSync } from 'node:crypto';
import {
  importPKCS8,
  importSPKI,
  jwtVerify,
  SignJWT,
  errors as joseErrors,
  type KeyLike,
} from 'jose';
import { Extensions, type AuthChecker } from 'type-graphql';
import { isValidTimeZone } from './dates';
import { DomainError, ErrorCode } from './errors';

/**
 * What a caller may do. Sessions carry every user scope; API keys carry the ones chosen.
 * A domain adds its scopes here when its subgraph lands.
 */
export enum Scope {
  LEDGER_READ = 'ledger:read',
  LEDGER_WRITE = 'ledger:write',
  CARDS_READ = 'cards:read',
  CARDS_WRITE = 'cards:write',
  IMPORT_READ = 'import:read',
  IMPORT_WRITE = 'import:write',
  BILLING_READ = 'billing:read',
  BILLING_WRITE = 'billing:write',
  PROFILE = 'profile',
  /** Operators only (rebuilds, replays); never granted to a user session. */
  ADMIN = 'admin',
  /** Router-internal: lets the router resolve subscription payloads and check API keys. */
  ROUTER = 'router',
}

export const USER_SCOPES: readonly Scope[] = Object.values(Scope).filter(
  (s) => s !== Scope.ADMIN && s !== Scope.ROUTER,
);

export const DEFAULT_TIME_ZONE = 'America/Sao_Paulo';

/** The verified identity behind a request; `userId` is null for anonymous callers. */
export interface Caller {
  readonly userId: string | null;
  readonly scopes: ReadonlySet<string>;
  readonly timeZone: string;
}

export const ANONYMOUS: Caller = Object.freeze({
  userId: null,
  scopes: new Set<string>(),
  timeZone: DEFAULT_TIME_ZONE,
});

const ALG = 'EdDSA';

/** An Ed25519 key pair in PEM, for the router's internal identity tokens. */
export function generateInternalKeyPair(): { publicKey: string; privateKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

export interface InternalClaims {
  sub: string | null;
  scopes: readonly string[];
  timeZone?: string;
}

/** Mints the short-lived token the router attaches to each subgraph request. */
export async function createInternalSigner(privateKeyPem: string, issuer: string) {
  const key = await importPKCS8(privateKeyPem, ALG);
  return (audience: string, claims: InternalClaims, ttlSeconds = 60): Promise<string> => {
    const jwt = new SignJWT({
      scope: claims.scopes.join(' '),
      tz: claims.timeZone ?? DEFAULT_TIME_ZONE,
    })
      .setProtectedHeader({ alg: ALG })
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds);
    if (claims.sub !== null) jwt.setSubject(claims.sub);
    return jwt.sign(key);
  };
}

export type InternalVerifier = (token: string) => Promise<Caller>;

/**
 * Verifies the router's token for one subgraph (audience). Verified tokens are
 * cached until they expire: the router reuses a token across requests.
 */
export async function createInternalVerifier(
  publicKeyPem: string,
  options: { issuer: string; audience: string; cacheSize?: number },
): Promise<InternalVerifier> {
  const key: KeyLike = await importSPKI(publicKeyPem, ALG);
  const cache = new Map<string, { caller: Caller; exp: number }>();
  const cacheSize = options.cacheSize ?? 10_000;
  return async (token) => {
    const now = Date.now() / 1000;
    const hit = cache.get(token);
    if (hit && hit.exp > now) return hit.caller;
    try {
      const { payload } = await jwtVerify(token, key, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: [ALG],
        requiredClaims: ['exp', 'iat'],
      });
      const caller: Caller = Object.freeze({
        userId: typeof payload.sub === 'string' ? payload.sub : null,
        scopes: new Set(
          typeof payload['scope'] === 'string' ? payload['scope'].split(' ').filter(Boolean) : [],
        ),
        timeZone:
          typeof payload['tz'] === 'string' && isValidTimeZone(payload['tz'])
            ? payload['tz']
            : DEFAULT_TIME_ZONE,
      });
      if (cache.size >= cacheSize) cache.clear();
      cache.set(token, { caller, exp: payload.exp ?? now });
      return caller;
    } catch (error) {
      if (error instanceof joseErrors.JOSEError) {
        throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Invalid or expired identity token');
      }
      throw error;
    }
  };
}

/** Marks a root field as reachable without a signed-in user (sign-up, sign-in). */
export const Public = () => Extensions({ public: true });

/** The signed-in user's id, or UNAUTHENTICATED. */
export function requireUser(caller: Caller): string {
  if (caller.userId === null) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first');
  return caller.userId;
}

export function requireScope(caller: Caller, ...scopes: string[]): string {
  const userId = requireUser(caller);
  const missing = scopes.filter((s) => !caller.scopes.has(s));
  if (missing.length > 0) {
    throw new DomainError(ErrorCode.FORBIDDEN, `Missing scope: ${missing.join(', ')}`, {
      requiredScope: missing.join(' '),
    });
  }
  return userId;
}

/** type-graphql's `@Authorized(...scopes)`: a signed-in caller holding every scope named. */
export const scopeAuthChecker: AuthChecker<{ caller: Caller }> = ({ context }, scopes) => {
  requireScope(context.caller, ...scopes);
  return true;
};
