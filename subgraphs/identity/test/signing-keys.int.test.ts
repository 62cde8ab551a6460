import { createRemoteJWKSet, decodeProtectedHeader } from 'jose';
import { TestClient } from '@saldo/kit/testing';
import { identitySettings } from '../src/config';
import { signingKeysFor } from '../src/services';
import { verifyAccessToken } from '../src/signing-keys/access-token';
import { baseUrl, register, startReplica, startIdentityForTest, type Identity } from './helpers';

interface Jwks {
  keys: {
    kid: string;
    kty: string;
    crv: string;
    alg: string;
    use: string;
    x: string;
    d?: string;
  }[];
}

const fetchJwks = async (t: Identity) => {
  const response = await fetch(`${baseUrl(t)}/.well-known/jwks.json`);
  return {
    status: response.status,
    cache: response.headers.get('cache-control'),
    body: (await response.json()) as Jwks,
  };
};

describe('signing keys and the JWKS', () => {
  let t: Identity;
  const settings = {
    SIGNING_KEY_SECRET: 'test-signing-key-secret-0123456789abcdef',
    SIGNING_KEY_RETIRE_MARGIN_SECONDS: 60,
  };

  beforeAll(async () => {
    t = await startIdentityForTest(settings);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('creates a key at start and publishes its public half anonymously', async () => {
    const jwks = await fetchJwks(t);
    expect(jwks.status).toBe(200);
    expect(jwks.cache).toBe('public, max-age=60');
    expect(jwks.body.keys).toHaveLength(1);
    expect(jwks.body.keys[0]).toEqual({
      kty: 'OKP',
      crv: 'Ed25519',
      alg: 'EdDSA',
      use: 'sig',
      kid: expect.any(String),
      x: expect.any(String),
    });
  });

  it('keeps the private key encrypted at rest', async () => {
    const rows = await t.query<{ private_key: string; encryption: string }>(
      'select private_key, encryption from signing_keys',
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.encryption).toBe('aes-256-gcm');
      expect(row.private_key).not.toContain('PRIVATE KEY');
    }
  });

  const jwksUrl = () => new URL(`${baseUrl(t)}/.well-known/jwks.json`);
  const rotateWithDelay = (seconds: number) =>
    signingKeysFor(
      identitySettings({ ...settings, SIGNING_KEY_ACTIVATION_DELAY_SECONDS: seconds }),
    ).rotate(t.subgraph.orm.em.fork());

  it('rotates: new tokens use the new kid, tokens of the old key still verify', async () => {
    // Like the router: refetches the set when a token names a kid it does not know.
    const jwks = createRemoteJWKSet(jwksUrl(), { cooldownDuration: 0 });
    const before = await register(t.client);
    const oldKid = decodeProtectedHeader(before.accessToken).kid;
    await verifyAccessToken(before.accessToken, jwks); // the set is now cached

    const rotation = await rotateWithDelay(0);
    expect(rotation.retired).toEqual([oldKid]);
    expect(rotation.kid).not.toBe(oldKid);

    const after = await register(t.client);
    expect(decodeProtectedHeader(after.accessToken).kid).toBe(rotation.kid);
    await expect(verifyAccessToken(after.accessToken, jwks)).resolves.toMatchObject({
      kid: rotation.kid,
    });
    await expect(verifyAccessToken(before.accessToken, jwks)).resolves.toMatchObject({
      kid: oldKid,
    });
    expect((await fetchJwks(t)).body.keys.map((k) => k.kid)).toEqual([rotation.kid, oldKid]);
  });

  it('publishes a new key before it signs, so cached key sets already hold it', async () => {
    const current = decodeProtectedHeader((await register(t.client)).accessToken).kid;
    const rotation = await rotateWithDelay(300);
    expect((await fetchJwks(t)).body.keys.map((k) => k.kid).slice(0, 2)).toEqual([
      rotation.kid,
      current,
    ]);
    // A router that fetched now, and never refetches, verifies both keys' tokens.
    const cached = createRemoteJWKSet(jwksUrl(), { cooldownDuration: 3_600_000 });
    const early = await register(t.client);
    expect(decodeProtectedHeader(early.accessToken).kid).toBe(current);
    await verifyAccessToken(early.accessToken, cached);
    // Time passes: the new key's activation arrives (just after the current key's).
    await t.query(
      `update signing_keys set activates_at =
         (select max(activates_at) from signing_keys where kid <> ?) + interval '1 millisecond'
       where kid = ?`,
      [rotation.kid, rotation.kid],
    );
    const late = await register(t.client);
    expect(decodeProtectedHeader(late.accessToken).kid).toBe(rotation.kid);
    await expect(verifyAccessToken(late.accessToken, cached)).resolves.toMatchObject({
      kid: rotation.kid,
    });
  });

  it('publishes a replaced key for the token lifetime plus the margin, then drops it', async () => {
    const replaced = await t.query<{
      kid: string;
      seconds: string;
    }>(`select kid, extract(epoch from publish_until - retired_at)::int::text as seconds
         from signing_keys where retired_at is not null order by activates_at`);
    expect(replaced.map((r) => r.seconds)).toEqual([String(900 + 60), String(900 + 60)]);
    const oldest = replaced[0]?.kid;
    await t.query(
      "update signing_keys set publish_until = now() - interval '1 second' where kid = ?",
      [oldest],
    );
    expect((await fetchJwks(t)).body.keys.map((k) => k.kid)).not.toContain(oldest);
    const rotation = await rotateWithDelay(0);
    expect(rotation.pruned).toEqual([oldest]);
    expect((await fetchJwks(t)).body.keys).toHaveLength(3);
  });

  it('never publishes private material', async () => {
    const { body } = await fetchJwks(t);
    for (const key of body.keys) expect(key.d).toBeUndefined();
  });

  it('shares keys with a replica started on the same database', async () => {
    const replica = await startReplica(t, settings);
    try {
      const mine = (await fetchJwks(t)).body.keys.map((k) => k.kid);
      const response = await fetch(replica.url.replace(/\/graphql$/, '/.well-known/jwks.json'));
      expect(((await response.json()) as Jwks).keys.map((k) => k.kid)).toEqual(mine);
      const session = await register(new TestClient(replica.url, 'identity'));
      expect(mine).toContain(decodeProtectedHeader(session.accessToken).kid);
    } finally {
      await replica.stop();
    }
  });
});
