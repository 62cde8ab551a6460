import { errorCode } from '@saldo/kit/testing';
import { sha256 } from '../src/crypto/secrets';
import {
  fromIp,
  PASSWORD,
  register,
  startIdentityForTest,
  startReplica,
  uniqueEmail,
  type Identity,
  type RawResponse,
} from './helpers';

const SIGN_IN =
  'mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { user { id } } }';
// Email: 1 free failure, then 1 s, 2 s, ... and a lock at the 4th. Address: 2 free, lock at 6th.
const CONFIG = {
  THROTTLE_EMAIL_MAX_FAILURES: 4,
  THROTTLE_IP_MAX_FAILURES: 6,
  THROTTLE_LOCKOUT_SECONDS: 60,
};

const retryAfter = (r: RawResponse) => r.errors?.[0]?.extensions?.['retryAfterSeconds'];

describe('sign-in throttling', () => {
  let t: Identity;
  let ipCounter = 0;
  const freshIp = () => `203.0.113.${(ipCounter += 1)}`;

  beforeAll(async () => {
    t = await startIdentityForTest(CONFIG);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  const signIn = (ip: string, email: string, password: string) =>
    fromIp(t, ip, SIGN_IN, { email, password });
  /** Moves an email's last failure `seconds` into the past: that much time has passed for it. */
  const age = (email: string, seconds: unknown) =>
    t.query(
      'update login_throttle set last_failure_at = last_failure_at - make_interval(secs => ?) where key = ?',
      [seconds, `email:${sha256(email)}`],
    );

  it('backs off progressively per email, then locks it out even for the right password', async () => {
    const { user } = await register(t.client);
    const wrong = () => signIn(freshIp(), user.email, 'wrong password 1');
    expect(errorCode(await wrong())).toBe('UNAUTHENTICATED'); // 1: free
    expect(errorCode(await wrong())).toBe('UNAUTHENTICATED'); // 2: now 1 s to wait
    const early = await wrong();
    expect(errorCode(early)).toBe('RATE_LIMITED');
    expect(retryAfter(early)).toBe(1);
    expect(early.errors?.[0]?.message).toBe('Too many failed attempts. Try again in 1 seconds.');
    await age(user.email, retryAfter(early));
    expect(errorCode(await wrong())).toBe('UNAUTHENTICATED'); // 3: now 2 s to wait
    const later = await wrong();
    expect(retryAfter(later)).toBe(2);
    await age(user.email, retryAfter(later));
    expect(errorCode(await wrong())).toBe('UNAUTHENTICATED'); // 4: locked for 60 s
    const locked = await signIn(freshIp(), user.email, PASSWORD);
    expect(errorCode(locked)).toBe('RATE_LIMITED');
    expect(retryAfter(locked)).toBeGreaterThanOrEqual(59);
    expect(retryAfter(locked)).toBeLessThanOrEqual(60);
  });

  it('throttles unknown emails exactly like known ones', async () => {
    const ghost = uniqueEmail('ghost');
    const results = [];
    for (let i = 0; i < 3; i += 1) results.push(errorCode(await signIn(freshIp(), ghost, 'x')));
    expect(results).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED']);
  });

  it('throttles one client address across many emails, leaving other addresses alone', async () => {
    const ip = freshIp();
    const codes = [];
    for (let i = 0; i < 4; i += 1)
      codes.push(errorCode(await signIn(ip, uniqueEmail('spray'), 'x')));
    expect(codes).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'RATE_LIMITED',
    ]);
    const { user } = await register(t.client);
    expect(errorCode(await signIn(ip, user.email, PASSWORD))).toBe('RATE_LIMITED');
    const other = await signIn(freshIp(), user.email, PASSWORD);
    expect(other.data).toEqual({ signIn: { user: { id: user.id } } });
  });

  it('starts an email over after a successful sign-in', async () => {
    const { user } = await register(t.client);
    expect(errorCode(await signIn(freshIp(), user.email, 'wrong password 1'))).toBe(
      'UNAUTHENTICATED',
    );
    expect((await signIn(freshIp(), user.email, PASSWORD)).data).toBeTruthy();
    expect(errorCode(await signIn(freshIp(), user.email, 'wrong password 1'))).toBe(
      'UNAUTHENTICATED',
    );
    expect(errorCode(await signIn(freshIp(), user.email, 'wrong password 1'))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('holds a burst of parallel guesses to the free allowance', async () => {
    const { user } = await register(t.client);
    const burst = await Promise.all(
      Array.from({ length: 8 }, () => signIn(freshIp(), user.email, 'wrong password 1')),
    );
    const codes = burst.map(errorCode);
    expect(codes.filter((c) => c === 'UNAUTHENTICATED').length).toBeLessThanOrEqual(2);
    expect(codes.filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(6);
  });

  it('shares the counters between replicas', async () => {
    const replica = await startReplica(t, CONFIG);
    try {
      const { user } = await register(t.client);
      expect(errorCode(await signIn(freshIp(), user.email, 'wrong password 1'))).toBe(
        'UNAUTHENTICATED',
      );
      expect(errorCode(await signIn(freshIp(), user.email, 'wrong password 1'))).toBe(
        'UNAUTHENTICATED',
      );
      const response = await fetch(replica.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-client-ip': freshIp() },
        body: JSON.stringify({
          query: SIGN_IN,
          variables: { email: user.email, password: PASSWORD },
        }),
      });
      expect(errorCode({ status: response.status, ...((await response.json()) as object) })).toBe(
        'RATE_LIMITED',
      );
    } finally {
      await replica.stop();
    }
  });
});
