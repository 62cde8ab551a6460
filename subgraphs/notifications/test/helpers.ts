import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ManualClock, newId, systemClock, type Clock } from '@saldo/kit';
import {
  publishAs,
  startTestSubgraph,
  waitForHandled,
  type TestClient,
  type TestSubgraph,
} from '@saldo/kit/testing';
import type { EventData, EventType } from '@saldo/events';
import { startNotifications, type Notifications } from '../src/app';
import type { NotificationsConfig } from '../src/config';
import { MailCatcher } from '../src/mail-catcher/catcher';

export interface TestNotifications {
  t: TestSubgraph<Notifications>;
  subgraph: Notifications;
  mail: MailCatcher;
  smtpPort: number;
  as(userId?: string, timeZone?: string): TestClient;
  /** Publishes as the producing domain would and waits until notifications handled it. */
  publish<T extends EventType>(type: T, userId: string | null, data: EventData<T>): Promise<string>;
  register(userId?: string, locale?: string, email?: string): Promise<string>;
  stop(): Promise<void>;
}

/** A free TCP port on loopback (for a server the test starts later: "SMTP down"). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Notifications on a fresh database and NATS namespace, mailing a real local SMTP server. */
export async function startNotificationsForTest(
  name: string,
  config: Partial<NotificationsConfig> = {},
  options: { clock?: Clock; smtp?: 'up' | 'down'; dispatcher?: boolean } = {},
): Promise<TestNotifications> {
  const mail = new MailCatcher();
  const smtpPort = options.smtp === 'down' ? await freePort() : (await mail.start()).smtpPort;
  const clock = options.clock ?? systemClock;
  const t = await startTestSubgraph<Notifications, NotificationsConfig>(
    name,
    (c, db) => startNotifications(c, db, { clock, dispatcher: options.dispatcher }),
    {
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      DISPATCH_INTERVAL_MS: 50,
      SCHEDULER_INTERVAL_MS: 0,
      ALLOW_PRIVATE_TARGETS: true,
      CHANNEL_TIMEOUT_MS: 5000,
      ...config,
    },
  );
  const { messaging } = t.subgraph;
  for (const domain of ['identity', 'ledger', 'cards', 'ai', 'import'] as const)
    await messaging.ensureDomainStream(domain);
  await messaging.ensureSecretStream('identity', 15 * 60_000);
  const publish = async <T extends EventType>(
    type: T,
    userId: string | null,
    data: EventData<T>,
  ) => {
    const envelope = await publishAs(t.subgraph, type, userId, data);
    await waitForHandled(t.subgraph, envelope, { timeoutMs: 20_000 });
    return envelope.id;
  };
  return {
    t,
    subgraph: t.subgraph,
    mail,
    smtpPort,
    as: (userId = newId(), timeZone?: string) => t.client.as(userId, undefined, timeZone),
    publish,
    register: async (
      userId = newId(),
      locale = 'pt-BR',
      email = `${userId.slice(-6)}@example.com`,
    ) => {
      await publish('identity.user.registered', userId, {
        userId,
        email,
        name: locale === 'en' ? 'Ann' : 'Ana',
        timeZone: 'America/Sao_Paulo',
        locale,
      });
      return userId;
    },
    stop: async () => {
      await t.cleanup();
      await mail.stop();
    },
  };
}

export { ManualClock };

export interface Received {
  headers: IncomingMessage['headers'];
  body: string;
  raw: Buffer;
  url: string;
}

/** A local HTTP receiver; `answer` decides each response's status. */
export async function startReceiver(answer: (n: number, r: Received) => number = () => 200) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const r = { headers: req.headers, body: raw.toString('utf8'), raw, url: req.url ?? '/' };
      received.push(r);
      res.writeHead(answer(received.length, r), { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const INBOX = `query($unread: Boolean) { notifications(first: 50, unreadOnly: $unread) {
  edges { node { id type title body data readAt createdAt deliveries { channel status attempts lastError sentAt } } }
  pageInfo { hasNextPage endCursor } } unreadNotificationCount }`;

export interface InboxNode {
  id: string;
  type: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  readAt: string | null;
  deliveries: { channel: string; status: string; attempts: number; lastError: string | null }[];
}

export async function inbox(client: TestClient, unread = false) {
  const data = await client.ok<{
    notifications: { edges: { node: InboxNode }[] };
    unreadNotificationCount: number;
  }>(INBOX, { unread });
  return {
    nodes: data.notifications.edges.map((e) => e.node),
    unread: data.unreadNotificationCount,
  };
}
