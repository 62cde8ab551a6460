import { parseEnvelope } from '@saldo/kit';
import { errorCode, publishedEvents, waitFor } from '@saldo/kit/testing';
import { sha256 } from '../src/crypto/secrets';
import {
  PASSWORD,
  register,
  servicesFor,
  startIdentityForTest,
  uniqueEmail,
  type Identity,
} from './helpers';

const REQUEST = 'mutation($e: String!) { requestPasswordReset(email: $e) }';
const RESET = 'mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }';
const SIGN_IN =
  'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { user { id } } }';
const REFRESH = 'mutation($t: String!) { refreshSession(refreshToken: $t) { refreshToken } }';
const NEW_PASSWORD = 'brand new horse 44';
/** Milliseconds as NATS durations (nanoseconds). */
const nanos = (ms: number) => ms * 1_000_000;

describe('password reset', () => {
  let t: Identity;

  beforeAll(async () => {
    t = await startIdentityForTest({ PASSWORD_RESET_TTL_SECONDS: 600 });
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  const tokensFor = async (userId: string) =>
    (await publishedEvents(t, { type: 'identity.password_reset.requested' }))
      .filter((e) => e.userId === userId)
      .map((e) => e.data);

  it('answers the same for known and unknown emails; only a known one gets a token', async () => {
    const ana = await register(t.client);
    const before = (await publishedEvents(t, { type: 'identity.password_reset.requested' })).length;
    expect(await t.client.ok(REQUEST, { e: uniqueEmail('ghost') })).toEqual({
      requestPasswordReset: true,
    });
    expect((await publishedEvents(t, { type: 'identity.password_reset.requested' })).length).toBe(
      before,
    );
    expect(await t.client.ok(REQUEST, { e: ana.user.email.toUpperCase() })).toEqual({
      requestPasswordReset: true,
    });
    const [data] = await tokensFor(ana.user.id);
    expect(data).toEqual({
      userId: ana.user.id,
      email: ana.user.email,
      name: 'Ana Souza',
      locale: 'pt-BR',
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expiresAt: expect.any(String),
    });
    const lifetime = new Date(data?.expiresAt ?? 0).getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(590_000);
    expect(lifetime).toBeLessThanOrEqual(600_000);
    // Only the hash is stored.
    const stored = (hash: string) =>
      t.query('select 1 from password_reset_tokens where token_hash = ?', [hash]);
    expect(await stored(sha256(data?.token ?? ''))).toHaveLength(1);
    expect(await stored(data?.token ?? '')).toHaveLength(0);
  });

  it('publishes the event on IDENTITY_SECRETS for notifications, never on IDENTITY', async () => {
    const ana = await register(t.client);
    await t.client.ok(REQUEST, { e: ana.user.email });
    const { messaging } = t.subgraph;
    const last = (stream: string) =>
      messaging.jsm.streams
        .getMessage(stream, {
          last_by_subj: messaging.subject('identity.password_reset.requested'),
        })
        .catch(() => null);
    const message = await waitFor(
      async () => {
        const stored = await last(messaging.secretStreamName('identity'));
        const envelope = stored ? parseEnvelope(stored.data) : null;
        return envelope?.userId === ana.user.id ? envelope : undefined;
      },
      { what: 'the reset event on the stream' },
    );
    expect(message.type).toBe('identity.password_reset.requested');
    expect(await last(messaging.streamName('identity'))).toBeNull();
  });

  it('keeps the secrets stream no longer than a token lives', async () => {
    const { messaging } = t.subgraph;
    const secrets = messaging.secretStreamName('identity');
    const config = async () => (await messaging.jsm.streams.info(secrets)).config;
    expect(await config()).toEqual(
      expect.objectContaining({
        subjects: [messaging.subject('identity.password_reset.requested')],
        max_age: nanos(600_000), // PASSWORD_RESET_TTL_SECONDS
      }),
    );
    const domain = await messaging.jsm.streams.info(messaging.streamName('identity'));
    expect(domain.config.subjects).toEqual([messaging.subject('identity.user.>')]);

    // With a lifetime short enough to watch, the message is gone once it is over.
    await messaging.ensureSecretStream('identity', 2000);
    try {
      expect((await config()).max_age).toBe(nanos(2000));
      const ana = await register(t.client);
      await t.client.ok(REQUEST, { e: ana.user.email });
      const onStream = async () => {
        const stored = await messaging.jsm.streams
          .getMessage(secrets, {
            last_by_subj: messaging.subject('identity.password_reset.requested'),
          })
          .catch(() => null);
        return stored !== null && parseEnvelope(stored.data).userId === ana.user.id;
      };
      await waitFor(onStream, { what: 'the reset event on the stream' });
      await waitFor(async () => !(await onStream()), {
        what: 'the reset event expired',
        timeoutMs: 15_000,
      });
      expect((await messaging.jsm.streams.info(secrets)).state.messages).toBe(0);
    } finally {
      await servicesFor(t).resets.ensureStream(messaging);
    }
  });

  it('resets the password with the token once, signing out every session', async () => {
    const ana = await register(t.client);
    await t.client.ok(REQUEST, { e: ana.user.email });
    const [data] = await tokensFor(ana.user.id);
    const token = data?.token ?? '';
    const weak = await t.client.request(RESET, { t: token, p: 'weak' });
    expect(errorCode(weak)).toBe('BAD_USER_INPUT');
    expect(weak.errors?.[0]?.extensions?.['field']).toBe('newPassword');
    expect(await t.client.ok(RESET, { t: token, p: NEW_PASSWORD })).toEqual({
      resetPassword: true,
    });
    expect(errorCode(await t.client.request(REFRESH, { t: ana.refreshToken }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(errorCode(await t.client.request(SIGN_IN, { e: ana.user.email, p: PASSWORD }))).toBe(
      'UNAUTHENTICATED',
    );
    await t.client.ok(SIGN_IN, { e: ana.user.email, p: NEW_PASSWORD });
    const again = await t.client.request(RESET, { t: token, p: 'yet another horse 45' });
    expect(errorCode(again)).toBe('BAD_USER_INPUT');
    expect(again.errors?.[0]?.extensions?.['field']).toBe('token');
  });

  it('refuses unknown and expired tokens', async () => {
    expect(errorCode(await t.client.request(RESET, { t: 'x'.repeat(43), p: NEW_PASSWORD }))).toBe(
      'BAD_USER_INPUT',
    );
    const ana = await register(t.client);
    await t.client.ok(REQUEST, { e: ana.user.email });
    const [data] = await tokensFor(ana.user.id);
    await t.query(
      "update password_reset_tokens set expires_at = now() - interval '1 second' where user_id = ?",
      [ana.user.id],
    );
    const expired = await t.client.request(RESET, { t: data?.token, p: NEW_PASSWORD });
    expect(expired.errors?.[0]?.message).toBe(
      'This password reset link is invalid or has expired; request a new one',
    );
  });

  it('sends one token a minute at most, and a newer token replaces the older one', async () => {
    const ana = await register(t.client);
    await t.client.ok(REQUEST, { e: ana.user.email });
    await t.client.ok(REQUEST, { e: ana.user.email });
    expect(await tokensFor(ana.user.id)).toHaveLength(1);
    await t.query(
      "update password_reset_tokens set created_at = now() - interval '2 minutes' where user_id = ?",
      [ana.user.id],
    );
    await t.client.ok(REQUEST, { e: ana.user.email });
    const [first, second] = await tokensFor(ana.user.id);
    expect(errorCode(await t.client.request(RESET, { t: first?.token, p: NEW_PASSWORD }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(await t.client.ok(RESET, { t: second?.token, p: NEW_PASSWORD })).toEqual({
      resetPassword: true,
    });
  });

  it('refuses a malformed email without revealing anything else', async () => {
    expect(errorCode(await t.client.request(REQUEST, { e: 'nope' }))).toBe('BAD_USER_INPUT');
  });
});
