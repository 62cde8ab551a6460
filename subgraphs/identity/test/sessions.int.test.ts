import { createRemoteJWKSet, decodeProtectedHeader, errors } from 'jose';
import { USER_SCOPES } from '@saldo/kit';
import { errorCode, waitFor } from '@saldo/kit/testing';
import { verifyAccessToken } from '../src/signing-keys/access-token';
import {
  baseUrl,
  PASSWORD,
  register,
  SESSION,
  startIdentityForTest,
  uniqueEmail,
  type Identity,
  type SessionData,
} from './helpers';

const SIGN_IN = `mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { ${SESSION} } }`;
const REFRESH = `mutation($token: String!) { refreshSession(refreshToken: $token) { ${SESSION} } }`;
const SIGN_OUT = 'mutation($token: String!) { signOut(refreshToken: $token) }';

describe('sessions', () => {
  let t: Identity;
  let jwks: ReturnType<typeof createRemoteJWKSet>;

  beforeAll(async () => {
    t = await startIdentityForTest();
    jwks = createRemoteJWKSet(new URL(`${baseUrl(t)}/.well-known/jwks.json`));
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  const signIn = async (email: string, password = PASSWORD) =>
    (await t.client.ok<{ signIn: SessionData }>(SIGN_IN, { email, password })).signIn;
  const refresh = (token: string) =>
    t.client.request<{ refreshSession: SessionData }>(REFRESH, { token });

  it('registers with the default time zone and locale and returns a working session', async () => {
    const email = uniqueEmail('ana');
    const session = await register(t.client, `  ${email.toUpperCase()} `);
    expect(session.user).toEqual({
      id: expect.any(String),
      email,
      name: 'Ana Souza',
      timeZone: 'America/Sao_Paulo',
      locale: 'pt-BR',
      createdAt: expect.stringMatching(/Z$/),
    });
    expect(session.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const { payload, kid } = await verifyAccessToken(session.accessToken, jwks);
    expect(kid).toBe(decodeProtectedHeader(session.accessToken).kid);
    expect(payload).toMatchObject({
      sub: session.user.id,
      scope: USER_SCOPES.join(' '),
      tz: 'America/Sao_Paulo',
      iss: 'saldo-identity',
      aud: 'saldo',
    });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(900);
    expect(new Date(session.expiresAt).getTime()).toBe((payload.exp ?? 0) * 1000);
  });

  it('signs in with any casing of the email, carrying the user time zone in the token', async () => {
    const email = uniqueEmail('bia');
    const registered = await register(t.client, email, { timeZone: 'Europe/Lisbon', locale: 'en' });
    const session = await signIn(email.toUpperCase());
    expect(session.user.id).toBe(registered.user.id);
    expect(session.refreshToken).not.toBe(registered.refreshToken);
    const { payload } = await verifyAccessToken(session.accessToken, jwks);
    expect(payload['tz']).toBe('Europe/Lisbon');
  });

  it('rotates the refresh token on every use', async () => {
    const first = await register(t.client);
    const second = (await refresh(first.refreshToken)).data?.refreshSession;
    expect(second?.user.id).toBe(first.user.id);
    expect(second?.refreshToken).not.toBe(first.refreshToken);
    const third = (await refresh(second?.refreshToken ?? '')).data?.refreshSession;
    expect(third?.refreshToken).toEqual(expect.any(String));
    await verifyAccessToken(third?.accessToken ?? '', jwks);
  });

  it('revokes the whole family when a rotated token is presented again', async () => {
    const first = await register(t.client);
    const other = await signIn(first.user.email); // another device: a different family
    const second = (await refresh(first.refreshToken)).data?.refreshSession;
    const reused = await refresh(first.refreshToken);
    expect(errorCode(reused)).toBe('UNAUTHENTICATED');
    // The legitimate holder of the newest token is signed out too.
    expect(errorCode(await refresh(second?.refreshToken ?? ''))).toBe('UNAUTHENTICATED');
    const untouched = await refresh(other.refreshToken);
    expect(untouched.data?.refreshSession.user.id).toBe(first.user.id);
  });

  it('refuses unknown and expired refresh tokens', async () => {
    expect(errorCode(await refresh('not-a-token'))).toBe('UNAUTHENTICATED');
    const session = await register(t.client);
    await t.query(
      "update refresh_tokens set expires_at = now() - interval '1 second' where user_id = ?",
      [session.user.id],
    );
    const expired = await refresh(session.refreshToken);
    expect(errorCode(expired)).toBe('UNAUTHENTICATED');
    expect(expired.errors?.[0]?.message).toBe('Invalid or expired refresh token; sign in again');
  });

  it('signs out the session of the given refresh token only, and only for its owner', async () => {
    const phone = await register(t.client);
    const laptop = await signIn(phone.user.email);
    const mallory = await register(t.client);
    expect(await t.client.as(mallory.user.id).ok(SIGN_OUT, { token: phone.refreshToken })).toEqual({
      signOut: true,
    });
    expect((await refresh(phone.refreshToken)).data?.refreshSession).toBeTruthy();
    const current = await signIn(phone.user.email);
    await t.client.as(phone.user.id).ok(SIGN_OUT, { token: current.refreshToken });
    expect(errorCode(await refresh(current.refreshToken))).toBe('UNAUTHENTICATED');
    expect((await refresh(laptop.refreshToken)).data?.refreshSession).toBeTruthy();
  });

  it('requires a signed-in caller to sign out', async () => {
    const anonymous = await t.client.request(SIGN_OUT, { token: 'x' });
    expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
  });
});

describe('access token expiry', () => {
  let t: Identity;

  beforeAll(async () => {
    t = await startIdentityForTest({ ACCESS_TOKEN_TTL_SECONDS: 3 });
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('issues tokens that stop verifying after the configured lifetime', async () => {
    const jwks = createRemoteJWKSet(new URL(`${baseUrl(t)}/.well-known/jwks.json`));
    const session = await register(t.client);
    const { payload } = await verifyAccessToken(session.accessToken, jwks);
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(3);
    // Claims are whole seconds: `iat` is the issue time rounded down, so a token may live
    // up to a second less than its lifetime. Poll until it stops verifying, for expiry.
    const failure = await waitFor(
      () =>
        verifyAccessToken(session.accessToken, jwks).then(
          () => false,
          (error: unknown) => error,
        ),
      { what: 'the access token to expire' },
    );
    expect(failure).toBeInstanceOf(errors.JWTExpired);
    // The refresh token still works and yields a fresh access token.
    const refreshed = await t.client.ok<{ refreshSession: SessionData }>(REFRESH, {
      token: session.refreshToken,
    });
    await expect(
      verifyAccessToken(refreshed.refreshSession.accessToken, jwks),
    ).resolves.toBeTruthy();
  });
});
