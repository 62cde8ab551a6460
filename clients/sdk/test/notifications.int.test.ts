import { createECDH, randomBytes } from 'node:crypto';
import { SaldoError, type SaldoClient } from '../src';
import { PASSWORD, sdk, uniqueEmail, useStack, waitForSubscriptions } from './stack';

// client.notifications.* and client.subscribe.notificationReceived against the real stack:
// router + identity + notifications on their own databases, real NATS.

/** Polls `check` until it answers something truthy (no fixed sleeps). */
async function eventually<T>(check: () => Promise<T | false | undefined>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('@saldo/sdk notifications against the router', () => {
  const stack = useStack({
    subgraphs: ['identity', 'notifications'],
    // No mail server here: one attempt, then FAILED (the inbox does not care).
    config: { notifications: { RETRY_SCHEDULE_MS: '0' } },
  });
  const url = () => stack().router.url;
  const clients: SaldoClient[] = [];
  afterAll(async () => {
    for (const c of clients) await c.close();
  });

  async function signedUp(name: string) {
    const client = sdk(url());
    clients.push(client);
    const { user } = await client.auth.register({
      email: uniqueEmail(name),
      password: PASSWORD,
      name,
    });
    // identity.user.registered -> WELCOME, through identity's outbox and notifications' consumer.
    const welcome = await eventually(async () => {
      const page = await client.notifications.list({ first: 10 });
      return page.edges[0]?.node;
    });
    return { client, user, welcome };
  }

  it('lists the WELCOME after register, counts it unread, and marks it read', async () => {
    const { client, welcome } = await signedUp('ana');
    expect(welcome).toMatchObject({ type: 'WELCOME', readAt: null });
    expect(welcome.deliveries.map((d) => d.channel)).toContain('IN_APP');
    expect(await client.notifications.unreadCount()).toBe(1);
    const unread = await client.notifications.list({ unreadOnly: true });
    expect(unread.edges.map((e) => e.node.id)).toEqual([welcome.id]);

    const read = await client.notifications.markRead({ id: welcome.id });
    expect(read.id).toBe(welcome.id);
    expect(typeof read.readAt).toBe('string');
    expect(await client.notifications.unreadCount()).toBe(0);
    expect((await client.notifications.list({ unreadOnly: true })).edges).toEqual([]);
    expect((await client.notifications.list()).edges.map((e) => e.node.id)).toEqual([welcome.id]);
  }, 60_000);

  it("never reaches another user's notification", async () => {
    const ana = await signedUp('ana');
    const bob = await signedUp('bob');
    const foreign = bob.client.notifications.markRead({ id: ana.welcome.id });
    await expect(foreign).rejects.toBeInstanceOf(SaldoError);
    await expect(foreign).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const bobs = await bob.client.notifications.list();
    expect(bobs.edges.map((e) => e.node.id)).toEqual([bob.welcome.id]);
    expect(await ana.client.notifications.unreadCount()).toBe(1);
  }, 60_000);

  it('marks all read and deletes', async () => {
    const { client, welcome } = await signedUp('caio');
    const test = await client.notifications.sendTest({ channel: 'IN_APP' });
    expect(test).toMatchObject({ type: 'TEST', readAt: null });
    expect(await client.notifications.unreadCount()).toBe(2);
    expect(await client.notifications.markAllRead()).toBe(2);
    expect(await client.notifications.unreadCount()).toBe(0);
    expect(await client.notifications.delete({ id: test.id })).toBe(true);
    const left = await client.notifications.list();
    expect(left.edges.map((e) => e.node.id)).toEqual([welcome.id]);
  }, 60_000);

  it('creates a webhook endpoint whose whsec_ secret is answered once, rotates and deletes it', async () => {
    const { client } = await signedUp('dora');
    const created = await client.notifications.createWebhookEndpoint({
      input: { url: 'http://127.0.0.1:9/hooks', types: ['BUDGET_EXCEEDED'], description: 'erp' },
    });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
    expect(created.endpoint).toMatchObject({
      url: 'http://127.0.0.1:9/hooks',
      types: ['BUDGET_EXCEEDED'],
      description: 'erp',
      enabled: true,
    });
    // Listed again without any secret.
    const listed = await client.notifications.webhookEndpoints();
    expect(listed).toEqual([created.endpoint]);
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    const deliveries = await client.notifications.webhookDeliveries({
      endpointId: created.endpoint.id,
    });
    expect(deliveries.edges).toEqual([]);

    const rotated = await client.notifications.rotateWebhookSecret({ id: created.endpoint.id });
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(created.secret);
    const enabled = await client.notifications.enableWebhookEndpoint({ id: created.endpoint.id });
    expect(enabled.enabled).toBe(true);
    expect(await client.notifications.deleteWebhookEndpoint({ id: created.endpoint.id })).toBe(
      true,
    );
    expect(await client.notifications.webhookEndpoints()).toEqual([]);
  }, 60_000);

  it('reads and updates preferences, registers and removes a push subscription', async () => {
    const { client } = await signedUp('eva');
    const before = await client.notifications.preferences();
    expect(before.channels.map((c) => c.type)).toContain('WELCOME');
    const after = await client.notifications.updatePreferences({
      input: {
        dailySummary: true,
        quietHours: { start: '22:00', end: '07:00' },
        channels: [{ type: 'BUDGET_EXCEEDED', email: false }],
      },
    });
    expect(after).toMatchObject({
      dailySummary: true,
      quietHours: { start: '22:00', end: '07:00' },
    });
    expect(after.channels.find((c) => c.type === 'BUDGET_EXCEEDED')?.email).toBe(false);

    expect(await client.notifications.webPushPublicKey()).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    // A browser's subscription: a real P-256 key and auth secret, base64url as toJSON() gives them.
    const endpoint = 'https://push.example.com/send/abc';
    const ecdh = createECDH('prime256v1');
    const p256dh = ecdh.generateKeys().toString('base64url');
    const auth = randomBytes(16).toString('base64url');
    const pushed = await client.notifications.registerPushSubscription({
      input: { endpoint, p256dh, auth },
    });
    expect(pushed.endpoint).toBe(endpoint);
    expect(await client.notifications.removePushSubscription({ endpoint })).toBe(true);
  }, 60_000);

  it('client.subscribe.notificationReceived yields a new notification of its own user only', async () => {
    const { router } = stack();
    const ana = await signedUp('fabi');
    const bob = await signedUp('gil');
    const live = ana.client.subscribe.notificationReceived();
    const bobLive = bob.client.subscribe.notificationReceived();
    const bobFirst = bobLive.next();
    const seen: string[] = [];
    // Ana's WELCOME may still be on its way to the stream: read until the test one comes.
    const received = (async () => {
      for await (const n of live) {
        seen.push(n.id);
        if (n.type === 'TEST') return n;
      }
      return undefined;
    })();
    await waitForSubscriptions(router, 2);
    const sent = await ana.client.notifications.sendTest({ channel: 'IN_APP' });
    const got = await received;
    expect(got).toMatchObject({ id: sent.id, type: 'TEST', title: sent.title, readAt: null });
    expect(seen.every((id) => id === sent.id || id === ana.welcome.id)).toBe(true);

    // Bob's stream stays quiet for Ana's notification: his own TEST is the first he gets.
    const bobs = await bob.client.notifications.sendTest({ channel: 'IN_APP' });
    let bobGot = (await bobFirst).value;
    while (bobGot && bobGot.id === bob.welcome.id) bobGot = (await bobLive.next()).value;
    expect(bobGot).toMatchObject({ id: bobs.id, type: 'TEST' });
    await bobLive.return();
  }, 60_000);
});
