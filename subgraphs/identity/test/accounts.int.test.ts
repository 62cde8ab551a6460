import { newId } from '@saldo/kit';
import { sha256 } from '../src/crypto/secrets';
import { errorCode, publishedEvents, waitForPublished } from '@saldo/kit/testing';
import {
  PASSWORD,
  register,
  SESSION,
  startIdentityForTest,
  uniqueEmail,
  type Identity,
  type SessionData,
} from './helpers';

const REGISTER = 'mutation($input: RegisterInput!) { register(input: $input) { user { id } } }';
const SIGN_IN = `mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { ${SESSION} } }`;
const ME = '{ me { id email name timeZone locale } }';
const ENTITIES =
  'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id email } } }';

describe('accounts', () => {
  let t: Identity;

  beforeAll(async () => {
    t = await startIdentityForTest();
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  const attempt = (input: Record<string, unknown>) =>
    t.client.request(REGISTER, {
      input: { email: uniqueEmail(), password: PASSWORD, name: 'Ana', ...input },
    });
  const signIn = (email: string, password: string) =>
    t.client.request(SIGN_IN, { email, password });

  describe('bad input', () => {
    it.each([
      ['a malformed email', { email: 'ana@nowhere' }, 'email'],
      ['a weak password', { password: 'aaaaaaaaaaaa' }, 'password'],
      ['a short password', { password: 'Ab1!' }, 'password'],
      ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 'timeZone'],
      ['an unsupported locale', { locale: 'xx-YY' }, 'locale'],
      ['an empty name', { name: '  ' }, 'name'],
    ])('refuses %s with BAD_USER_INPUT naming the field', async (_what, input, field) => {
      const result = await attempt(input);
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.extensions?.['field']).toBe(field);
    });

    it('refuses the email as password with a message stating the rules', async () => {
      const email = uniqueEmail('ana');
      const result = await attempt({ email, password: email });
      expect(result.errors?.[0]?.message).toMatch(
        /^Password is your email\. Password must have 10/,
      );
    });

    it('answers a taken email (in any casing) with CONFLICT', async () => {
      const email = uniqueEmail('dup');
      await register(t.client, email);
      const again = await attempt({ email: ` ${email.toUpperCase()}` });
      expect(errorCode(again)).toBe('CONFLICT');
      expect(again.errors?.[0]?.extensions?.['field']).toBe('email');
    });

    it('answers a wrong password and an unknown email identically', async () => {
      const email = uniqueEmail('known');
      await register(t.client, email);
      const wrong = await signIn(email, 'wrong password 1');
      const unknown = await signIn(uniqueEmail('nobody'), 'wrong password 1');
      expect(errorCode(wrong)).toBe('UNAUTHENTICATED');
      const strip = (r: typeof wrong) => ({ errors: r.errors, data: r.data, status: r.status });
      expect(strip(unknown)).toEqual(strip(wrong));
      expect(wrong.errors?.[0]?.message).toBe('Email or password is incorrect');
    });

    it('refuses a malformed email at sign-in with BAD_USER_INPUT', async () => {
      const result = await signIn('not an email', PASSWORD);
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
    });

    it('refuses anonymous callers on everything but the public fields', async () => {
      for (const query of [ME, '{ apiKeys { edges { cursor } } }']) {
        const result = await t.client.request(query);
        expect(errorCode(result)).toBe('UNAUTHENTICATED');
        expect(result.status).toBe(401);
      }
    });
  });

  describe('profile', () => {
    it('shows each user only their own account', async () => {
      const ana = await register(t.client, uniqueEmail('ana'));
      const bob = await register(t.client, uniqueEmail('bob'));
      const mine = await t.client.as(ana.user.id).ok<{ me: { id: string; email: string } }>(ME);
      expect(mine.me).toMatchObject({ id: ana.user.id, email: ana.user.email });
      const reps = [ana.user.id, bob.user.id, newId()].map((id) => ({ __typename: 'User', id }));
      const seen = await t.client
        .as(ana.user.id)
        .ok<{ _entities: unknown[] }>(ENTITIES, { r: reps });
      expect(seen._entities).toEqual([{ id: ana.user.id, email: ana.user.email }, null, null]);
      const bobs = await t.client
        .as(bob.user.id)
        .ok<{ _entities: unknown[] }>(ENTITIES, { r: reps });
      expect(bobs._entities).toEqual([null, { id: bob.user.id, email: bob.user.email }, null]);
    });

    it('updates name, time zone and locale, and emits identity.user.updated', async () => {
      const ana = await register(t.client);
      const me = t.client.as(ana.user.id);
      const updated = await me.ok<{ updateProfile: Record<string, string> }>(
        'mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { name timeZone locale email } }',
        { i: { name: ' Ana  Maria ', timeZone: 'Europe/Lisbon', locale: 'en' } },
      );
      expect(updated.updateProfile).toEqual({
        name: 'Ana Maria',
        timeZone: 'Europe/Lisbon',
        locale: 'en',
        email: ana.user.email,
      });
      const bad = await me.request(
        'mutation { updateProfile(input: { timeZone: "Nowhere/X" }) { id } }',
      );
      expect(errorCode(bad)).toBe('BAD_USER_INPUT');
      const events = (await publishedEvents(t, { type: 'identity.user.updated' })).filter(
        (e) => e.userId === ana.user.id,
      );
      expect(events.map((e) => e.data)).toEqual([
        {
          userId: ana.user.id,
          email: ana.user.email,
          name: 'Ana Maria',
          timeZone: 'Europe/Lisbon',
          locale: 'en',
        },
      ]);
    });

    it('emits identity.user.registered through the outbox, published to NATS', async () => {
      const ana = await register(t.client, undefined, { locale: 'en' });
      const [registered] = (await publishedEvents(t, { type: 'identity.user.registered' })).filter(
        (e) => e.userId === ana.user.id,
      );
      expect(registered?.data).toEqual({
        userId: ana.user.id,
        email: ana.user.email,
        name: 'Ana Souza',
        timeZone: 'America/Sao_Paulo',
        locale: 'en',
      });
      // The relay marks it sent once JetStream has acknowledged it.
      await waitForPublished(t, 'identity.user.registered', {
        match: (e) => e.id === registered?.id,
        sent: true,
      });
    });
  });

  describe('password change', () => {
    it('needs the current password, signs out every session and returns a new one', async () => {
      const ana = await register(t.client);
      const me = t.client.as(ana.user.id);
      const CHANGE = `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { ${SESSION} } }`;
      const wrong = await me.request(CHANGE, { c: 'not my password', n: 'another horse 43' });
      expect(errorCode(wrong)).toBe('BAD_USER_INPUT');
      expect(wrong.errors?.[0]?.extensions?.['field']).toBe('currentPassword');
      const weak = await me.request(CHANGE, { c: PASSWORD, n: 'short' });
      expect(weak.errors?.[0]?.extensions?.['field']).toBe('newPassword');
      const changed = await me.ok<{ changePassword: SessionData }>(CHANGE, {
        c: PASSWORD,
        n: 'another horse 43',
      });
      const REFRESH = 'mutation($t: String!) { refreshSession(refreshToken: $t) { refreshToken } }';
      expect(errorCode(await t.client.request(REFRESH, { t: ana.refreshToken }))).toBe(
        'UNAUTHENTICATED',
      );
      await t.client.ok(REFRESH, { t: changed.changePassword.refreshToken });
      expect(errorCode(await signIn(ana.user.email, PASSWORD))).toBe('UNAUTHENTICATED');
      expect((await signIn(ana.user.email, 'another horse 43')).data).toBeTruthy();
    });
  });

  describe('account deletion', () => {
    it('needs the password, erases every identity row and emits identity.user.deleted', async () => {
      const ana = await register(t.client);
      const me = t.client.as(ana.user.id);
      await me.ok('mutation { createApiKey(name: "k", scopes: ["ledger:read"]) { secret } }');
      await t.client.ok('mutation($e: String!) { requestPasswordReset(email: $e) }', {
        e: ana.user.email,
      });
      await signIn(ana.user.email, 'wrong password 1');
      const failures = await t.query<{ failures: number }>(
        'select failures from login_throttle where key = ?',
        [`email:${sha256(ana.user.email)}`],
      );
      expect(failures).toEqual([{ failures: 1 }]);
      const wrong = await me.request('mutation($p: String!) { deleteAccount(password: $p) }', {
        p: 'nope',
      });
      expect(errorCode(wrong)).toBe('BAD_USER_INPUT');
      expect(
        await me.ok('mutation($p: String!) { deleteAccount(password: $p) }', { p: PASSWORD }),
      ).toEqual({
        deleteAccount: true,
      });
      for (const table of [
        'users where id = ?',
        'refresh_tokens where user_id = ?',
        'api_keys where user_id = ?',
        'password_reset_tokens where user_id = ?',
      ]) {
        expect(await t.query(`select 1 from ${table}`, [ana.user.id])).toHaveLength(0);
      }
      const throttleKey = `email:${sha256(ana.user.email)}`;
      expect(
        await t.query('select 1 from login_throttle where key = ?', [throttleKey]),
      ).toHaveLength(0);
      const deleted = (await publishedEvents(t, { type: 'identity.user.deleted' })).filter(
        (e) => e.userId === ana.user.id,
      );
      expect(deleted.map((e) => e.data)).toEqual([{ userId: ana.user.id }]);
      expect(errorCode(await me.request(ME))).toBe('NOT_FOUND');
      expect(errorCode(await signIn(ana.user.email, PASSWORD))).toBe('UNAUTHENTICATED');
    });
  });
});
