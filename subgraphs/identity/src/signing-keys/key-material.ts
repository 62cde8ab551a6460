import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';

export const SIGNING_ALGORITHM = 'EdDSA';
export const PLAINTEXT = 'none';
export const AES_GCM = 'aes-256-gcm';
export type KeyEncryption = typeof PLAINTEXT | typeof AES_GCM;

/** The public half as published in the JWKS. */
export interface PublicJwk {
  kty: string;
  crv: string;
  x: string;
  kid: string;
  alg: typeof SIGNING_ALGORITHM;
  use: 'sig';
}

export interface GeneratedKey {
  kid: string;
  publicJwk: PublicJwk;
  privateKeyPem: string;
}

/** A fresh Ed25519 key; its kid is the RFC 7638 thumbprint of the public key. */
export async function generateSigningKey(): Promise<GeneratedKey> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint(jwk, 'sha256');
  return {
    kid,
    publicJwk: {
      kty: String(jwk.kty),
      crv: String(jwk.crv),
      x: String(jwk.x),
      kid,
      alg: SIGNING_ALGORITHM,
      use: 'sig',
    },
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

// One AES key per signing key, derived from the operator's secret; the kid is also the
// AAD, so a ciphertext copied onto another row does not decrypt.
function wrappingKey(secret: string, kid: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'saldo-identity-signing-keys', kid, 32));
}

/** `v1.<iv>.<tag>.<ciphertext>` (base64url) under AES-256-GCM. */
export function encryptPrivateKey(pem: string, secret: string, kid: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv(AES_GCM, wrappingKey(secret, kid), iv);
  cipher.setAAD(Buffer.from(kid));
  const body = Buffer.concat([cipher.update(pem, 'utf8'), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));
  return ['v1', ...parts].join('.');
}

export function decryptPrivateKey(sealed: string, secret: string, kid: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || !body) throw new Error(`Signing key ${kid}: bad format`);
  const decipher = createDecipheriv(
    AES_GCM,
    wrappingKey(secret, kid),
    Buffer.from(iv, 'base64url'),
  );
  decipher.setAAD(Buffer.from(kid));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  const pem = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
  return pem.toString('utf8');
}

/** What is stored in `signing_keys.private_key`, and how. */
export function sealPrivateKey(
  key: GeneratedKey,
  secret: string | undefined,
): { privateKey: string; encryption: KeyEncryption } {
  return secret === undefined
    ? { privateKey: key.privateKeyPem, encryption: PLAINTEXT }
    : { privateKey: encryptPrivateKey(key.privateKeyPem, secret, key.kid), encryption: AES_GCM };
}

export function openPrivateKey(
  row: { kid: string; privateKey: string; encryption: string },
  secret: string | undefined,
): KeyObject {
  if (row.encryption === PLAINTEXT) return createPrivateKey(row.privateKey);
  if (row.encryption !== AES_GCM) throw new Error(`Signing key ${row.kid}: unknown encryption`);
  if (secret === undefined) {
    throw new Error(`Signing key ${row.kid} is encrypted: set SIGNING_KEY_SECRET`);
  }
  return createPrivateKey(decryptPrivateKey(row.privateKey, secret, row.kid));
}
