import type { KeyObject } from 'node:crypto';
import { jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import { newId } from '@saldo/kit';
import { SIGNING_ALGORITHM } from './key-material';

/** The router checks these on every access token. */
export const ACCESS_TOKEN_ISSUER = 'saldo-identity';
export const ACCESS_TOKEN_AUDIENCE = 'saldo';

export interface AccessClaims {
  userId: string;
  scopes: readonly string[];
  timeZone: string;
}

export interface SigningKey {
  kid: string;
  key: KeyObject;
}

export interface SignedAccessToken {
  token: string;
  expiresAt: Date;
}

/** `sub`, space-separated `scope`, `tz`, plus the registered claims; `kid` in the header. */
export async function signAccessToken(
  signer: SigningKey,
  claims: AccessClaims,
  ttlSeconds: number,
  now = new Date(),
): Promise<SignedAccessToken> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = issuedAt + ttlSeconds;
  const token = await new SignJWT({ scope: claims.scopes.join(' '), tz: claims.timeZone })
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: signer.kid, typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuer(ACCESS_TOKEN_ISSUER)
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .setJti(newId())
    .sign(signer.key);
  return { token, expiresAt: new Date(expiresAt * 1000) };
}

/** What the router does with an access token (here for tests and as its reference). */
export async function verifyAccessToken(token: string, keys: JWTVerifyGetKey) {
  const { payload, protectedHeader } = await jwtVerify(token, keys, {
    issuer: ACCESS_TOKEN_ISSUER,
    audience: ACCESS_TOKEN_AUDIENCE,
    algorithms: [SIGNING_ALGORITHM],
    requiredClaims: ['sub', 'exp', 'iat'],
  });
  return { payload, kid: protectedHeader.kid };
}
