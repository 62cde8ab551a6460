import { waitFor } from '@saldo/kit/testing';
import { code, registerUser, subscribed, useStack } from './harness';

type Payload = Record<string, unknown>;

describe('notifications end to end: router, identity and notifications', () => {
  const stack = useStack({
    subgraphs: ['identity', 'notifications'],
    // No mail server in this test: one attempt, then FAILED (the inbox does not care).
    config: { notifications: { RETRY_SCHEDULE_MS: '0' } },
  });

  it('welcomes through the inbox and streams new notifications to their owner only', async () => {
    const ana = await registerUser(stack().client, 'ana');
    const bob = await registerUser(stack().client, 'bob');

    // identity.user.registered -> WELCOME in the inbox, reachable as me.notifications too.
    const welcome = await waitFor(
      async () => {
        const data = await ana.client.ok<{
          me: { notifications: { edges: { node: { type: string; title: string } }[] } };
          unreadNotificationCount: number;
        }>(
          '{ me { notifications(first: 5) { edges { node { type title } } } } unreadNotificationCount }',
        );
        return data.me.notifications.edges.length > 0 && data;
      },
      { timeoutMs: 15_000 },
    );
    expect(welcome.me.notifications.edges.map((e) => e.node.type)).toEqual(['WELCOME']);
    expect(welcome.unreadNotificationCount).toBe(1);

    const live = (token: string) =>
      stack()
        .live(`Bearer ${token}`)
        .subscribe(
          'subscription { notificationReceived { id type title readAt deliveries { channel status } } }',
        );
    const [anaLive, bobLive] = await subscribed(stack().router, 2, () => [
      live(ana.accessToken),
      live(bob.accessToken),
    ]);

    const sent = await ana.client.ok<{ sendTestNotification: { id: string } }>(
      'mutation { sendTestNotification(channel: IN_APP) { id } }',
    );
    const got = await waitFor(() => anaLive.received[0], { timeoutMs: 15_000 });
    expect(got['notificationReceived']).toEqual({
      id: sent.sendTestNotification.id,
      type: 'TEST',
      title: 'Notificação de teste',
      readAt: null,
      deliveries: [{ channel: 'IN_APP', status: 'SENT' }],
    } satisfies Payload);

    // Bob's inbox and stream stay his own.
    expect(
      code(
        await bob.client.request('mutation($id: ID!) { markNotificationRead(id: $id) { id } }', {
          id: sent.sendTestNotification.id,
        }),
      ),
    ).toBe('NOT_FOUND');
    // Bob's own welcome arrives on its own time (identity's relay): wait for it.
    const bobs = await waitFor(
      async () => {
        const data = await bob.client.ok<{
          notifications: { edges: { node: { type: string } }[] };
        }>('{ notifications(first: 10) { edges { node { type } } } }');
        return data.notifications.edges.length > 0 && data;
      },
      { timeoutMs: 15_000 },
    );
    expect(bobs.notifications.edges.map((e) => e.node.type)).toEqual(['WELCOME']);
    // Bob's stream may carry his own welcome (it can land after he subscribed), never Ana's.
    const bobsLive = bobLive.received.map(
      (p) => p['notificationReceived'] as { id: string; type: string },
    );
    expect(bobsLive.map((n) => n.id)).not.toContain(sent.sendTestNotification.id);
    expect(bobsLive.every((n) => n.type === 'WELCOME')).toBe(true);
    expect(anaLive.errors).toEqual([]);
  });
});
