import { createLocalJWKSet, errors } from 'jose';
import { signAccessToken, verifyAccessToken } from './access-token';
import {
  AES_GCM,
  decryptPrivateKey,
  encryptPrivateKey,
  generateSigningKey,
  openPrivateKey,
  PLAINTEXT,
  sealPrivateKey,
} from './key-material';

const secret = 'a-test-secret-that-is-long-enough-0123456789';
const claims = {
  userId: '0190f0f0-0000-7000-8000-000000000001',
  scopes: ['a', 'b'],
  timeZone: 'UTC',
};

describe('signing key material', () => {
  it('publishes an Ed25519 JWK whose kid is its thumbprint', async () => {
    const key = await generateSigningKey();
    expect(key.publicJwk).toEqual({
      kty: 'OKP',
      crv: 'Ed25519',
      x: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      kid: key.kid,
      alg: 'EdDSA',
      use: 'sig',
    });
    expect(key.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(key.publicJwk)).not.toContain('"d"');
  });

  it('encrypts private keys with AES-256-GCM bound to the kid', async () => {
    const key = await generateSigningKey();
    const sealed = encryptPrivateKey(key.privateKeyPem, secret, key.kid);
    expect(sealed).not.toContain('PRIVATE KEY');
    expect(decryptPrivateKey(sealed, secret, key.kid)).toBe(key.privateKeyPem);
    expect(() => decryptPrivateKey(sealed, `${secret}x`, key.kid)).toThrow();
    expect(() => decryptPrivateKey(sealed, secret, 'another-kid')).toThrow();
  });

  it('stores plaintext only without a secret, and refuses to open sealed keys without one', async () => {
    const key = await generateSigningKey();
    expect(sealPrivateKey(key, undefined).encryption).toBe(PLAINTEXT);
    const sealed = sealPrivateKey(key, secret);
    expect(sealed.encryption).toBe(AES_GCM);
    const row = { kid: key.kid, ...sealed };
    expect(openPrivateKey(row, secret).asymmetricKeyType).toBe('ed25519');
    expect(() => openPrivateKey(row, undefined)).toThrow(/SIGNING_KEY_SECRET/);
  });
});

describe('access tokens', () => {
  it('carry sub, scope, tz, iss, aud and the kid, and verify against the JWKS', async () => {
    const key = await generateSigningKey();
    const signer = {
      kid: key.kid,
      key: openPrivateKey({ kid: key.kid, ...sealPrivateKey(key, undefined) }, undefined),
    };
    const { token, expiresAt } = await signAccessToken(signer, claims, 600);
    const jwks = createLocalJWKSet({ keys: [key.publicJwk] });
    const { payload, kid } = await verifyAccessToken(token, jwks);
    expect(kid).toBe(key.kid);
    expect(payload).toMatchObject({
      sub: claims.userId,
      scope: 'a b',
      tz: 'UTC',
      iss: 'saldo-identity',
      aud: 'saldo',
    });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(600);
    expect(expiresAt.getTime()).toBe((payload.exp ?? 0) * 1000);
  });

  it('are refused once expired or when signed by an unpublished key', async () => {
    const key = await generateSigningKey();
    const other = await generateSigningKey();
    const signer = {
      kid: key.kid,
      key: openPrivateKey({ kid: key.kid, ...sealPrivateKey(key, undefined) }, undefined),
    };
    const jwks = createLocalJWKSet({ keys: [other.publicJwk] });
    const { token } = await signAccessToken(signer, claims, 60);
    await expect(verifyAccessToken(token, jwks)).rejects.toBeInstanceOf(errors.JWKSNoMatchingKey);
    const old = await signAccessToken(signer, claims, 60, new Date(Date.now() - 120_000));
    const own = createLocalJWKSet({ keys: [key.publicJwk] });
    await expect(verifyAccessToken(old.token, own)).rejects.toBeInstanceOf(errors.JWTExpired);
  });
});
