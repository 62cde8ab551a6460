// Developer probe (not a benchmark): heap snapshots of the router before and after N idle subscriptions.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { benchIdentity, startService, stopService } from './common';

async function main() {
  const N = Number(process.env['N'] ?? 2000);
  const identity = await benchIdentity();
  const keys = generateKeyPairSync('ed25519');
  const dir = process.env['SNAP_DIR'] ?? '/tmp/heap';
  const router = await startService(
    'router',
    join(__dirname, '../src/main.js'),
    {
      NODE_ENV: 'production',
      NATS_NAMESPACE: 'probe',
      INTERNAL_JWT_PRIVATE_KEY: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      SUBGRAPH_URLS: `identity=${identity.url}`,
      RATE_LIMIT_PER_SECOND: '0',
    },
    4901,
    [`--heapsnapshot-signal=SIGUSR2`, `--diagnostic-dir=${dir}`],
  );
  const snap = async () => {
    const before = readdirSync(dir).length;
    router.kill('SIGUSR2');
    while (readdirSync(dir).length === before) await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => setTimeout(r, 3000));
  };
  await snap();
  const clients = [];
  for (let i = 0; i < N; i += 1) {
    const userId = randomUUID();
    const client = createClient({
      url: 'ws://127.0.0.1:4901/graphql',
      webSocketImpl: WebSocket,
      connectionParams: {
        authorization: `Bearer ${await identity.token(userId, ['ledger:read'])}`,
      },
      lazy: false,
      retryAttempts: 0,
      keepAlive: 0,
    });
    await new Promise<void>((resolve) => client.on('connected', () => resolve()));
    client.subscribe(
      {
        query:
          'subscription($id: ID) { balanceChanged(accountId: $id) { accountId balance { amount currency } } }',
        variables: { id: randomUUID() },
      },
      { next: () => undefined, error: () => undefined, complete: () => undefined },
    );
    clients.push(client);
  }
  await new Promise((r) => setTimeout(r, 2000));
  await snap();
  for (const c of clients) await c.dispose();
  await stopService(router);
  identity.server.close();
}
void main();
