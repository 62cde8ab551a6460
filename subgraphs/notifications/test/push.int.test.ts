import { createECDH, randomBytes } from 'node:crypto';
import { newId } from '@saldo/kit';
import { errorCode, waitFor } from '@saldo/kit/testing';
import { startNotificationsForTest, startReceiver, type TestNotifications } from './helpers';

// http_ece ships no types: the one function the test uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS module without typings
const ece = require('http_ece') as {
  decrypt(
    body: Buffer,
    params: { version: string; privateKey: unknown; authSecret: string },
  ): Buffer;
};

/** What a browser's PushManager makes: an ECDH P-256 key pair and a 16-byte auth secret. */
function browserKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    ecdh,
    p256dh: ecdh.getPublicKey().toString('base64url'),
    auth: randomBytes(16).toString('base64url'),
  };
}

const REGISTER = `mutation($input: RegisterPushSubscriptionInput!) { registerPushSubscription(input: $input) { id endpoint } }`;

describe('Web Push', () => {
  let n: TestNotifications;

  beforeAll(async () => {
    n = await startNotificationsForTest('notifications_push');
  });
  afterAll(async () => {
    await n?.stop();
  });

  it('keeps one VAPID key pair and hands out its public half', async () => {
    const client = n.as(await n.register());
    const a = await client.ok<{ webPushPublicKey: string }>('{ webPushPublicKey }');
    const b = await n.as(newId()).ok<{ webPushPublicKey: string }>('{ webPushPublicKey }');
    expect(a.webPushPublicKey).toBe(b.webPushPublicKey);
    expect(Buffer.from(a.webPushPublicKey, 'base64url')).toHaveLength(65);
    const rows = await n.t.query<{ private_key_enc: string }>(
      'select private_key_enc from vapid_keys',
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.private_key_enc).toMatch(/^v1\./);
  });

  it('sends an encrypted payload the subscription keys decrypt, signed with VAPID', async () => {
    const push = await startReceiver(() => 201);
    try {
      const ana = await n.register();
      const client = n.as(ana);
      const keys = browserKeys();
      await client.ok(REGISTER, {
        input: { endpoint: `${push.url}/push/ana`, p256dh: keys.p256dh, auth: keys.auth },
      });
      await client.ok('mutation { sendTestNotification(channel: PUSH) { id } }');
      const hit = await waitFor(() => push.received[0]);
      expect(hit.headers['content-encoding']).toBe('aes128gcm');
      expect(String(hit.headers['authorization'])).toMatch(/^vapid t=.+, k=.+$/);
      expect(hit.headers['ttl']).toBe('86400');
      const plain = ece.decrypt(hit.raw, {
        version: 'aes128gcm',
        privateKey: keys.ecdh,
        authSecret: keys.auth,
      });
      const payload = JSON.parse(plain.toString('utf8')) as { title: string; type: string };
      expect(payload).toMatchObject({ title: 'Notificação de teste', type: 'TEST' });
      // Another key pair cannot read it.
      const other = browserKeys();
      expect(() =>
        ece.decrypt(hit.raw, {
          version: 'aes128gcm',
          privateKey: other.ecdh,
          authSecret: other.auth,
        }),
      ).toThrow();
    } finally {
      await push.close();
    }
  });

  it('removes a subscription the push service says is gone (410)', async () => {
    const push = await startReceiver(() => 410);
    try {
      const ana = await n.register();
      const client = n.as(ana);
      const keys = browserKeys();
      const endpoint = `${push.url}/push/gone`;
      await client.ok(REGISTER, { input: { endpoint, p256dh: keys.p256dh, auth: keys.auth } });
      await client.ok('mutation { sendTestNotification(channel: PUSH) { id } }');
      await waitFor(async () => {
        const rows = await n.t.query('select 1 from push_subscriptions where endpoint = ?', [
          endpoint,
        ]);
        return rows.length === 0;
      });
      expect(push.received).toHaveLength(1);
    } finally {
      await push.close();
    }
  });

  it('validates subscriptions and removes only your own', async () => {
    const ana = n.as(await n.register());
    const bob = n.as(await n.register());
    const keys = browserKeys();
    const bad = async (input: Record<string, string>) =>
      (
        await ana.request(REGISTER, {
          input: {
            endpoint: 'https://push.example.com/x',
            p256dh: keys.p256dh,
            auth: keys.auth,
            ...input,
          },
        })
      ).errors?.[0]?.extensions?.['field'];
    expect(await bad({ p256dh: 'abc' })).toBe('p256dh');
    expect(await bad({ auth: 'abc' })).toBe('auth');
    expect(await bad({ endpoint: 'ftp://x' })).toBe('endpoint');
    await ana.ok(REGISTER, {
      input: { endpoint: 'https://push.example.com/ana', p256dh: keys.p256dh, auth: keys.auth },
    });
    expect(
      await bob.ok('mutation { removePushSubscription(endpoint: "https://push.example.com/ana") }'),
    ).toEqual({ removePushSubscription: false });
    expect(
      await ana.ok('mutation { removePushSubscription(endpoint: "https://push.example.com/ana") }'),
    ).toEqual({ removePushSubscription: true });
    expect(errorCode(await n.t.client.as(null).request('{ webPushPublicKey }'))).toBe(
      'UNAUTHENTICATED',
    );
  });
});
