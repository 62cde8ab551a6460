import { newId } from '@saldo/kit';
import { errorCode, waitFor } from '@saldo/kit/testing';
import { Webhook } from 'standardwebhooks';
import { startNotificationsForTest, startReceiver, type TestNotifications } from './helpers';

const closed = () => ({
  invoiceId: newId(),
  cardId: newId(),
  month: '2026-03',
  status: 'CLOSED' as const,
  closingDate: '2026-03-10',
  dueDate: '2026-03-20',
  total: { amount: '99.90', currency: 'BRL' },
  paidAmount: { amount: '0.00', currency: 'BRL' },
  pendingAmount: { amount: '0.00', currency: 'BRL' },
});

const CREATE = `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) {
  secret endpoint { id url types enabled } } }`;

interface Created {
  createWebhookEndpoint: {
    secret: string;
    endpoint: { id: string; url: string; types: string[]; enabled: boolean };
  };
}

interface DeliveryPage {
  webhookDeliveries: {
    edges: {
      node: {
        id: string;
        status: string;
        attempts: number;
        statusCode: number | null;
        latencyMs: number | null;
        lastError: string | null;
      };
    }[];
  };
}

const DELIVERIES = `query($id: ID!) { webhookDeliveries(endpointId: $id, first: 10) { edges { node {
  id status attempts statusCode latencyMs lastError } } } }`;

describe('partner webhooks (Standard Webhooks)', () => {
  let n: TestNotifications;

  beforeAll(async () => {
    n = await startNotificationsForTest('notifications_webhooks', {
      WEBHOOK_RETRY_SCHEDULE_MS: [0, 100, 100, 100],
      WEBHOOK_DISABLE_AFTER_FAILURES: 2,
    });
  });
  afterAll(async () => {
    await n?.stop();
  });

  it('signs each delivery, retries after a 500 with the same webhook-id, and logs status and latency', async () => {
    const receiver = await startReceiver((count) => (count === 1 ? 500 : 200));
    try {
      const ana = await n.register();
      const client = n.as(ana);
      const created = await client.ok<Created>(CREATE, {
        input: { url: `${receiver.url}/hooks`, types: ['INVOICE_CLOSED'], description: 'ERP' },
      });
      const { secret, endpoint } = created.createWebhookEndpoint;
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(endpoint.types).toEqual(['INVOICE_CLOSED']);
      // The secret is never readable again, and is not stored in the clear.
      const stored = await n.t.query<{ secret_enc: string }>(
        'select secret_enc from webhook_endpoints where id = ?::uuid',
        [endpoint.id],
      );
      expect(stored[0]!.secret_enc).not.toContain(secret.slice(6));

      await n.publish('cards.invoice.closed', ana, closed());
      await waitFor(() => receiver.received.length >= 2, { timeoutMs: 15_000 });
      const [first, second] = receiver.received;
      expect(first!.headers['webhook-id']).toBe(second!.headers['webhook-id']);
      const verified = new Webhook(secret).verify(second!.body, {
        'webhook-id': String(second!.headers['webhook-id']),
        'webhook-timestamp': String(second!.headers['webhook-timestamp']),
        'webhook-signature': String(second!.headers['webhook-signature']),
      }) as { type: string; data: { type: string; body: string } };
      expect(verified.type).toBe('notification.invoice_closed');
      expect(verified.data.body).toContain('R$ 99,90');
      // A wrong secret does not verify.
      expect(() =>
        new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(second!.body, {
          'webhook-id': String(second!.headers['webhook-id']),
          'webhook-timestamp': String(second!.headers['webhook-timestamp']),
          'webhook-signature': String(second!.headers['webhook-signature']),
        }),
      ).toThrow();
      // The welcome notification is not of the endpoint's types.
      expect(receiver.received).toHaveLength(2);

      const log = await waitFor(async () => {
        const page = await client.ok<DeliveryPage>(DELIVERIES, { id: endpoint.id });
        const node = page.webhookDeliveries.edges[0]?.node;
        return node?.status === 'SENT' && node;
      });
      expect(log).toMatchObject({ attempts: 2, statusCode: 200, id: first!.headers['webhook-id'] });
      expect(log.latencyMs).toEqual(expect.any(Number));

      // Bob sees nothing of Ana's endpoint.
      const bob = n.as(await n.register());
      expect(errorCode(await bob.request(DELIVERIES, { id: endpoint.id }))).toBe('NOT_FOUND');
      expect(await bob.ok('{ webhookEndpoints { id } }')).toEqual({ webhookEndpoints: [] });
    } finally {
      await receiver.close();
    }
  });

  it('rotates the secret: the next delivery verifies only with the new one', async () => {
    const receiver = await startReceiver();
    try {
      const ana = await n.register();
      const client = n.as(ana);
      const created = await client.ok<Created>(CREATE, { input: { url: receiver.url } });
      const id = created.createWebhookEndpoint.endpoint.id;
      const rotated = await client.ok<{ rotateWebhookSecret: { secret: string } }>(
        'mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }',
        { id },
      );
      const secret = rotated.rotateWebhookSecret.secret;
      expect(secret).not.toBe(created.createWebhookEndpoint.secret);
      await n.publish('cards.invoice.closed', ana, closed());
      const hit = await waitFor(() => receiver.received[0]);
      const headers = {
        'webhook-id': String(hit.headers['webhook-id']),
        'webhook-timestamp': String(hit.headers['webhook-timestamp']),
        'webhook-signature': String(hit.headers['webhook-signature']),
      };
      expect(() => new Webhook(secret).verify(hit.body, headers)).not.toThrow();
      expect(() =>
        new Webhook(created.createWebhookEndpoint.secret).verify(hit.body, headers),
      ).toThrow();
    } finally {
      await receiver.close();
    }
  });

  it('gives up after the schedule, disables the endpoint after repeated failure, and lets the owner re-enable it', async () => {
    const receiver = await startReceiver(() => 503);
    try {
      const ana = await n.register();
      const client = n.as(ana);
      const created = await client.ok<Created>(CREATE, {
        input: { url: receiver.url, types: ['INVOICE_CLOSED'] },
      });
      const id = created.createWebhookEndpoint.endpoint.id;
      await n.publish('cards.invoice.closed', ana, closed());
      await n.publish('cards.invoice.closed', ana, closed());
      const endpoint = await waitFor(
        async () => {
          const data = await client.ok<{
            webhookEndpoints: { enabled: boolean; consecutiveFailures: number }[];
          }>('{ webhookEndpoints { enabled consecutiveFailures } }');
          return data.webhookEndpoints[0]?.enabled === false && data.webhookEndpoints[0];
        },
        { timeoutMs: 15_000 },
      );
      expect(endpoint.consecutiveFailures).toBe(2);
      const page = await client.ok<DeliveryPage>(DELIVERIES, { id });
      expect(
        page.webhookDeliveries.edges.map((e) => [
          e.node.status,
          e.node.attempts,
          e.node.statusCode,
        ]),
      ).toEqual([
        ['FAILED', 4, 503],
        ['FAILED', 4, 503],
      ]);
      expect(receiver.received).toHaveLength(8);
      const enabled = await client.ok<{
        enableWebhookEndpoint: { enabled: boolean; consecutiveFailures: number };
      }>('mutation($id: ID!) { enableWebhookEndpoint(id: $id) { enabled consecutiveFailures } }', {
        id,
      });
      expect(enabled.enableWebhookEndpoint).toEqual({ enabled: true, consecutiveFailures: 0 });
      expect(
        await client.ok('mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }', { id }),
      ).toEqual({ deleteWebhookEndpoint: true });
    } finally {
      await receiver.close();
    }
  });

  it('refuses bad URLs', async () => {
    const client = n.as(await n.register());
    const refuse = async (url: string) => {
      const r = await client.request(CREATE, { input: { url } });
      return [errorCode(r), r.errors?.[0]?.extensions?.['field']];
    };
    expect(await refuse('ftp://example.com/x')).toEqual(['BAD_USER_INPUT', 'url']);
    expect(await refuse('not a url')).toEqual(['BAD_USER_INPUT', 'url']);
    expect(await refuse('https://user:pw@example.com/')).toEqual(['BAD_USER_INPUT', 'url']);
  });
});

describe('webhook targets in production mode', () => {
  it('refuses loopback, private and link-local targets', async () => {
    const n = await startNotificationsForTest('notifications_webhooks_prod', {
      ALLOW_PRIVATE_TARGETS: false,
    });
    try {
      const client = n.as(await n.register());
      for (const url of [
        'http://127.0.0.1:9/x',
        'http://localhost/x',
        'http://10.1.2.3/x',
        'http://192.168.0.10/x',
        'http://169.254.169.254/latest/meta-data',
        'http://[::1]/x',
        'http://[::ffff:127.0.0.1]/x',
      ]) {
        const r = await client.request(CREATE, { input: { url } });
        expect([url, errorCode(r)]).toEqual([url, 'BAD_USER_INPUT']);
      }
    } finally {
      await n.stop();
    }
  });
});
