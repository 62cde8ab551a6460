// pnpm bench:notifications — 10,000 budget and invoice events for 1,000 users through the
// notifications subgraph (its own process, real PostgreSQL, NATS and SMTP): in-app rows
// stored per second, emails accepted by the local SMTP server per second, and the latency
// from publishing an event to `notificationReceived` at a client subscribed through the
// router. Services run as child processes; the publisher and clients run here.
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import { Messaging } from '@saldo/kit';
import { benchIdentity, emit, percentile, round, startService, stopService } from './common';

const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
const DATABASE_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ROUTER_PORT = Number(process.env['BENCH_ROUTER_PORT'] ?? 4910);
const NOTIFICATIONS_PORT = Number(process.env['BENCH_NOTIFICATIONS_PORT'] ?? 4916);
const SMTP_PORT = Number(process.env['BENCH_SMTP_PORT'] ?? 4925);
const MAIL_WEB_PORT = Number(process.env['BENCH_MAIL_WEB_PORT'] ?? 4926);
const USERS = Number(process.env['USERS'] ?? 1000);
const EVENTS = Number(process.env['EVENTS'] ?? 10_000);
const SUBSCRIBED = Number(process.env['SUBSCRIBED'] ?? 100);
const TIMEOUT_MS = 300_000;
const PACED_RATE = Number(process.env['PACED_RATE'] ?? 100);
const PACED_SECONDS = Number(process.env['PACED_SECONDS'] ?? 10);
const NOTIFICATIONS_DIR = join(__dirname, '../../../subgraphs/notifications/dist/src');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, check: () => Promise<boolean>): Promise<number> {
  const deadline = Date.now() + TIMEOUT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
  return performance.now();
}

function envelope(type: string, userId: string, data: unknown) {
  return { id: randomUUID(), type, version: 1, occurredAt: new Date().toISOString(), userId, data };
}

const money = (amount: string) => ({ amount, currency: 'BRL' });

/** Half budget alerts, half closed invoices; each a distinct source, so each one notifies. */
function event(i: number, userId: string) {
  if (i % 2 === 0) {
    const data = {
      categoryId: randomUUID(),
      month: '2026-03',
      limit: money('500.00'),
      spent: money('612.34'),
    };
    return { key: data.categoryId, envelope: envelope('ledger.budget.exceeded', userId, data) };
  }
  const data = {
    invoiceId: randomUUID(),
    cardId: randomUUID(),
    month: '2026-03',
    status: 'CLOSED',
    closingDate: '2026-03-10',
    dueDate: '2026-03-20',
    total: money('1234.56'),
    paidAmount: money('0.00'),
    pendingAmount: money('0.00'),
  };
  return { key: data.invoiceId, envelope: envelope('cards.invoice.closed', userId, data) };
}

/** The source id an event and its notification share (notification.data carries it). */
const keyOf = (data: Record<string, unknown>) =>
  (data['invoiceId'] ?? data['categoryId']) as string | undefined;

async function publishAll(messaging: Messaging, envelopes: { id: string; type: string }[]) {
  for (let i = 0; i < envelopes.length; i += 500) {
    await Promise.all(
      envelopes
        .slice(i, i + 500)
        .map((e) =>
          messaging.js.publish(messaging.subject(e.type), JSON.stringify(e), { msgID: e.id }),
        ),
    );
  }
}

async function subscribe(token: string, onData: (data: Record<string, unknown>) => void) {
  const client = createClient({
    url: `ws://127.0.0.1:${ROUTER_PORT}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    lazy: false,
    retryAttempts: 0,
    keepAlive: 0,
  });
  await new Promise<void>((resolve, reject) => {
    client.on('connected', () => resolve());
    client.on('closed', (e) => reject(new Error(`closed ${JSON.stringify(e)}`)));
  });
  client.subscribe<{ notificationReceived: { data: Record<string, unknown> } }>(
    { query: 'subscription { notificationReceived { id type data } }' },
    {
      next: (value) => value.data && onData(value.data.notificationReceived.data),
      error: () => undefined,
      complete: () => undefined,
    },
  );
  return client;
}

async function main() {
  const suffix = Date.now().toString(36);
  const namespace = `bench_notif_${suffix}`;
  const database = `saldo_bench_notifications_${suffix}`;
  const identity = await benchIdentity();
  const keys = generateKeyPairSync('ed25519');
  const mail = await startService(
    'mail catcher',
    join(NOTIFICATIONS_DIR, 'mail-catcher/main.js'),
    {
      MAIL_CATCHER_SMTP_PORT: String(SMTP_PORT),
      MAIL_CATCHER_WEB_PORT: String(MAIL_WEB_PORT),
      MAIL_CATCHER_PARSE: 'false',
    },
    MAIL_WEB_PORT,
  );
  const services = [mail];
  const db = new pg.Client({ connectionString: DATABASE_URL });
  const messaging = await Messaging.connect({ url: NATS_URL, name: 'bench', namespace });
  const clients: Client[] = [];
  try {
    const notifications = await startService(
      'notifications',
      join(NOTIFICATIONS_DIR, 'main.js'),
      {
        NODE_ENV: 'production',
        NATS_URL,
        NATS_NAMESPACE: namespace,
        DATABASE_URL,
        DATABASE_NAME: database,
        INTERNAL_JWT_PUBLIC_KEY: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        NOTIFICATIONS_SECRET_KEY: randomBytes(32).toString('base64'),
        SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
        SCHEDULER_INTERVAL_MS: '0',
        DISPATCH_BATCH: '200',
      },
      NOTIFICATIONS_PORT,
    );
    services.push(notifications);
    const router = await startService(
      'router',
      join(__dirname, '../src/main.js'),
      {
        NODE_ENV: 'production',
        NATS_URL,
        NATS_NAMESPACE: namespace,
        INTERNAL_JWT_PRIVATE_KEY: keys.privateKey
          .export({ type: 'pkcs8', format: 'pem' })
          .toString(),
        SUBGRAPH_URLS: `identity=${identity.url},notifications=http://127.0.0.1:${NOTIFICATIONS_PORT}/graphql`,
        RATE_LIMIT_PER_SECOND: '0',
      },
      ROUTER_PORT,
    );
    services.push(router);
    await db.connect();
    const count = async (sql: string) => {
      const dbUrl = new URL(DATABASE_URL);
      dbUrl.pathname = `/${database}`;
      const c = new pg.Client({ connectionString: dbUrl.toString() });
      await c.connect();
      try {
        return Number((await c.query<{ n: string }>(sql)).rows[0]!.n);
      } finally {
        await c.end();
      }
    };
    const received = async () =>
      (
        (await (await fetch(`http://127.0.0.1:${MAIL_WEB_PORT}/stats.json`)).json()) as {
          received: number;
        }
      ).received;
    for (const domain of ['identity', 'ledger', 'cards'] as const)
      await messaging.ensureDomainStream(domain);

    // Warm-up: 1,000 users registered (profile + WELCOME + welcome mail each).
    const users = Array.from({ length: USERS }, (): string => randomUUID());
    await publishAll(
      messaging,
      users.map((userId) =>
        envelope('identity.user.registered', userId, {
          userId,
          email: `${userId.slice(0, 8)}@example.com`,
          name: 'Ana',
          timeZone: 'America/Sao_Paulo',
          locale: 'pt-BR',
        }),
      ),
    );
    await until(
      'welcome notifications',
      async () => (await count('select count(*) as n from notifications')) >= USERS,
    );
    await until('welcome mails', async () => (await received()) >= USERS);

    // Clients of the first SUBSCRIBED users, through the router.
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    for (const userId of users.slice(0, SUBSCRIBED)) {
      clients.push(
        await subscribe(await identity.token(userId, ['profile']), (data) => {
          const key = keyOf(data);
          const t = key ? sentAt.get(key) : undefined;
          if (t !== undefined) latencies.push(performance.now() - t);
        }),
      );
    }
    await sleep(1000); // the router's NATS subscription is in place

    const events = Array.from({ length: EVENTS }, (_, i) => event(i, users[i % USERS]!));
    const subscribed = new Set(users.slice(0, SUBSCRIBED));
    const expectedLive = events.filter((e) => subscribed.has(e.envelope.userId)).length;
    const started = performance.now();
    for (let i = 0; i < events.length; i += 500) {
      const chunk = events.slice(i, i + 500);
      const now = performance.now();
      for (const e of chunk) sentAt.set(e.key, now);
      await publishAll(
        messaging,
        chunk.map((e) => e.envelope),
      );
    }
    const published = performance.now();
    const stored = await until(
      'notifications stored',
      async () => (await count('select count(*) as n from notifications')) >= USERS + EVENTS,
    );
    const mailed = await until('mails accepted', async () => (await received()) >= USERS + EVENTS);
    await until('live notifications', async () => latencies.length >= expectedLive).catch(() =>
      performance.now(),
    );
    const sorted = latencies.sort((a, b) => a - b);
    const seconds = (t: number) => (t - started) / 1000;
    emit({
      bench: 'notifications',
      case: `${EVENTS} budget+invoice events, ${USERS} users, ${SUBSCRIBED} subscribed`,
      events: EVENTS,
      publish_s: round(seconds(published), 2),
      stored_per_s: round(EVENTS / seconds(stored)),
      emails_per_s: round(EVENTS / seconds(mailed)),
      live_expected: expectedLive,
      live_received: latencies.length,
      p50_ms: round(percentile(sorted, 50), 1),
      p95_ms: round(percentile(sorted, 95), 1),
      p99_ms: round(percentile(sorted, 99), 1),
      max_ms: round(sorted[sorted.length - 1] ?? 0, 1),
      duration_s: round(seconds(mailed), 2),
      // The machine is shared: the 1-minute load average says how contended the run was.
      load_avg_1m: round(loadavg()[0] ?? 0, 1),
    });

    // Paced: events for the subscribed users only, at PACED_RATE a second, once the burst has
    // drained: the event -> client latency of a system that keeps up.
    const pacedLatencies: number[] = [];
    latencies.length = 0;
    // Where the time goes: the live event as it leaves notifications (core NATS, the
    // subject the router listens to), against the client's arrival.
    const busLatencies: number[] = [];
    const handledLatencies: number[] = [];
    // performance.now() -> wall clock, to compare with the notification's createdAt
    const wallOffset = Date.now() - performance.now();
    const bus = messaging.nc.subscribe(messaging.subject('notifications.notification.created'), {
      callback: (error, msg) => {
        if (error) return;
        const env = JSON.parse(msg.string()) as {
          data: { notification: { createdAt: string; data: Record<string, unknown> } };
        };
        const data = env.data.notification.data;
        const key = keyOf(data);
        const t = key ? sentAt.get(key) : undefined;
        if (t === undefined) return;
        busLatencies.push(performance.now() - t);
        handledLatencies.push(Date.parse(env.data.notification.createdAt) - (t + wallOffset));
      },
    });
    const pacedCount = PACED_RATE * PACED_SECONDS;
    const pacedStart = performance.now();
    for (let i = 0; i < pacedCount; i += 1) {
      const e = event(i, users[i % SUBSCRIBED]!);
      sentAt.set(e.key, performance.now());
      await publishAll(messaging, [e.envelope]);
      const due = pacedStart + ((i + 1) * 1000) / PACED_RATE;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
    }
    await until('paced live notifications', async () => latencies.length >= pacedCount).catch(() =>
      performance.now(),
    );
    pacedLatencies.push(...latencies);
    bus.unsubscribe();
    const paced = pacedLatencies.sort((a, b) => a - b);
    const onBus = busLatencies.sort((a, b) => a - b);
    const handled = handledLatencies.sort((a, b) => a - b);
    emit({
      bench: 'notifications',
      case: `paced ${PACED_RATE} events/s for ${SUBSCRIBED} subscribed users`,
      events: pacedCount,
      live_received: paced.length,
      p50_ms: round(percentile(paced, 50), 1),
      p95_ms: round(percentile(paced, 95), 1),
      p99_ms: round(percentile(paced, 99), 1),
      max_ms: round(paced[paced.length - 1] ?? 0, 1),
      // event -> live event published by notifications (the rest is router + socket)
      bus_p50_ms: round(percentile(onBus, 50), 1),
      bus_p99_ms: round(percentile(onBus, 99), 1),
      handled_p50_ms: round(percentile(handled, 50), 1),
      handled_p99_ms: round(percentile(handled, 99), 1),
      duration_s: round((performance.now() - pacedStart) / 1000, 2),
      load_avg_1m: round(loadavg()[0] ?? 0, 1),
    });
  } finally {
    for (const c of clients) await c.dispose();
    for (const s of services.reverse()) await stopService(s);
    const prefix = namespace.toUpperCase();
    for await (const info of messaging.jsm.streams.list()) {
      if (info.config.name.startsWith(prefix)) await messaging.jsm.streams.delete(info.config.name);
    }
    await messaging.close();
    await db.query(`drop database if exists ${database} with (force)`).catch(() => undefined);
    await db.end().catch(() => undefined);
    identity.server.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
