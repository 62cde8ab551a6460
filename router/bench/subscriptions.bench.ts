// pnpm bench:subscriptions — 1,000 and 10,000 concurrent graphql-ws clients on the
// router: event-to-client latency p50/p99 and router memory per idle subscription.
// The router runs in its own process; clients and the event publisher run here.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import {
  benchIdentity,
  emit,
  metric,
  percentile,
  round,
  startService,
  stopService,
} from './common';

const ROUTER_PORT = Number(process.env['BENCH_ROUTER_PORT'] ?? 4900);
const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
const EVENT_RATE = Number(process.env['EVENT_RATE'] ?? 5000);
const ROUNDS = Number(process.env['ROUNDS'] ?? 3);
const SUBJECT = 'ledger.balance.changed';

interface Subscriber {
  userId: string;
  accountId: string;
  client: Client;
}

async function connectAll(
  count: number,
  token: (userId: string) => Promise<string>,
  onEvent: (accountId: string) => void,
) {
  const subscribers: Subscriber[] = [];
  const batch = 200;
  for (let i = 0; i < count; i += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, count - i) }, async () => {
        const userId = randomUUID();
        const accountId = randomUUID();
        const authorization = `Bearer ${await token(userId)}`;
        const client = createClient({
          url: `ws://127.0.0.1:${ROUTER_PORT}/graphql`,
          webSocketImpl: WebSocket,
          connectionParams: { authorization },
          lazy: false,
          retryAttempts: 0,
          keepAlive: 0,
        });
        await new Promise<void>((resolve, reject) => {
          client.on('connected', () => resolve());
          client.on('closed', (event) => reject(new Error(`closed ${JSON.stringify(event)}`)));
        });
        client.subscribe(
          {
            query:
              'subscription($id: ID) { balanceChanged(accountId: $id) { accountId balance { amount currency } } }',
            variables: { id: accountId },
          },
          { next: () => onEvent(accountId), error: () => undefined, complete: () => undefined },
        );
        subscribers.push({ userId, accountId, client });
      }),
    );
  }
  return subscribers;
}

async function main() {
  const namespace = `bench_sub_${Date.now().toString(36)}`;
  const identity = await benchIdentity();
  const keys = generateKeyPairSync('ed25519');
  const router = await startService(
    'router',
    join(__dirname, '../src/main.js'),
    {
      NODE_ENV: 'production',
      NATS_URL,
      NATS_NAMESPACE: namespace,
      INTERNAL_JWT_PRIVATE_KEY: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      SUBGRAPH_URLS: `identity=${identity.url}`,
      RATE_LIMIT_PER_SECOND: '0',
    },
    ROUTER_PORT,
    ['--max-old-space-size=4096'],
  );
  const nc = await connect({ servers: NATS_URL });
  const metrics = `http://127.0.0.1:${ROUTER_PORT}/metrics`;
  let subscribers: Subscriber[] = [];
  try {
    for (const count of [1000, 10_000]) {
      const sentAt = new Map<string, number>();
      const latencies: number[] = [];
      const baseline = await metric(metrics, 'process_resident_memory_bytes');
      const heapBefore = await metric(metrics, 'nodejs_heap_size_used_bytes');
      subscribers = await connectAll(
        count,
        (userId) => identity.token(userId, ['ledger:read']),
        (accountId) => {
          const t = sentAt.get(accountId);
          if (t !== undefined) latencies.push(performance.now() - t);
        },
      );
      await new Promise((resolve) => setTimeout(resolve, 2000)); // idle, settle
      const idleRss = await metric(metrics, 'process_resident_memory_bytes');
      const idleHeap = await metric(metrics, 'nodejs_heap_size_used_bytes');
      const active = await metric(metrics, 'router_subscriptions');

      const perTick = EVENT_RATE / 100;
      for (let r = 0; r < ROUNDS; r += 1) {
        let carry = 0;
        for (let i = 0; i < subscribers.length;) {
          carry += perTick;
          for (; carry >= 1 && i < subscribers.length; carry -= 1, i += 1) {
            const s = subscribers[i]!;
            const data = {
              accountId: s.accountId,
              balance: { amount: `${r}.00`, currency: 'BRL' },
              delta: { amount: '1.00', currency: 'BRL' },
              entryId: null,
            };
            sentAt.set(s.accountId, performance.now());
            nc.publish(
              `${namespace}.${SUBJECT}`,
              JSON.stringify({
                id: randomUUID(),
                type: SUBJECT,
                version: 1,
                occurredAt: new Date().toISOString(),
                userId: s.userId,
                data,
              }),
            );
          }
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      }
      const expected = subscribers.length * ROUNDS;
      const deadline = Date.now() + 30_000;
      while (latencies.length < expected && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      const sorted = latencies.sort((a, b) => a - b);
      emit({
        bench: 'subscriptions',
        case: `${count} subscribers, ${EVENT_RATE} events/s`,
        subscribers: count,
        active_subscriptions: active,
        events: expected,
        delivered: latencies.length,
        p50_ms: round(percentile(sorted, 50), 2),
        p99_ms: round(percentile(sorted, 99), 2),
        max_ms: round(sorted[sorted.length - 1] ?? 0, 2),
        router_rss_mb: round(idleRss / 1e6),
        rss_kb_per_idle_subscription: round((idleRss - baseline) / 1024 / count, 2),
        heap_kb_per_idle_subscription: round((idleHeap - heapBefore) / 1024 / count, 2),
      });
      await Promise.all(subscribers.map((s) => Promise.resolve(s.client.dispose())));
      subscribers = [];
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  } finally {
    await Promise.all(subscribers.map((s) => Promise.resolve(s.client.dispose())));
    await nc.close();
    await stopService(router);
    identity.server.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
