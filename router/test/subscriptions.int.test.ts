import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startIdentity } from '@saldo/identity/src/app';
import { startLedger } from '@saldo/ledger/src/app';
import { registerUser, startRouterOver, startStack, type Stack } from './harness';

type Payload = Record<string, unknown>;

function wsClient(
  stack: Stack | { router: { url: string } },
  authorization: string | null,
): Client {
  return createClient({
    url: stack.router.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: authorization ? { authorization } : {},
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => undefined, // asserted through the 'closed' event
  });
}

/** Collects what a subscription pushes, and how it ended. */
function collect(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const received: Payload[] = [];
  const errors: unknown[] = [];
  let done = false;
  const unsubscribe = client.subscribe<Payload>(
    { query, variables },
    {
      next: (value) => received.push(value.data ?? { errors: value.errors }),
      error: (error) => errors.push(error),
      complete: () => (done = true),
    },
  );
  return { received, errors, unsubscribe, isDone: () => done };
}

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const CREATE_ACCOUNT = `mutation($name: String!) {
  createAccount(input: { name: $name, type: CHECKING, currency: "BRL" }) { id }
}`;
const CREATE_ENTRY = `mutation($accountId: ID!, $amount: Decimal!) {
  createEntry(input: { kind: INCOME, accountId: $accountId, amount: $amount, description: "salary" }) { id }
}`;

describe('subscriptions through the router', () => {
  let stack: Stack;
  const sockets: Client[] = [];

  beforeAll(async () => {
    stack = await startStack({ identity: startIdentity, ledger: startLedger });
  });
  afterAll(async () => {
    for (const socket of sockets) await socket.dispose();
    await stack?.cleanup();
  });

  it('pushes balanceChanged to its user after createEntry, with fields resolved through the gateway', async () => {
    const ana = await registerUser(stack.client, 'ana');
    const bob = await registerUser(stack.client, 'bob');
    const account = await ana.client.ok<{ createAccount: { id: string } }>(CREATE_ACCOUNT, {
      name: 'Nubank',
    });
    const accountId = account.createAccount.id;

    const anaSocket = wsClient(stack, `Bearer ${ana.accessToken}`);
    const bobSocket = wsClient(stack, `Bearer ${bob.accessToken}`);
    sockets.push(anaSocket, bobSocket);
    const rich = collect(
      anaSocket,
      `subscription($id: ID) { balanceChanged(accountId: $id) {
        accountId balance { amount currency } delta { amount } account { name balance { amount } }
      } }`,
      { id: accountId },
    );
    const plain = collect(
      anaSocket,
      'subscription { balanceChanged { accountId balance { amount } } }',
    );
    const other = collect(
      bobSocket,
      'subscription { balanceChanged { accountId balance { amount } } }',
    );
    await new Promise((resolve) => setTimeout(resolve, 300)); // subscriptions registered

    await ana.client.ok(CREATE_ENTRY, { accountId, amount: '100.50' });
    await until(() => rich.received.length === 1 && plain.received.length === 1);
    expect(rich.received[0]).toEqual({
      balanceChanged: {
        accountId,
        balance: { amount: '100.50', currency: 'BRL' },
        delta: { amount: '100.50' },
        account: { name: 'Nubank', balance: { amount: '100.50' } },
      },
    });
    expect(plain.received[0]).toEqual({
      balanceChanged: { accountId, balance: { amount: '100.50' } },
    });

    // Bob's own entry reaches Bob only.
    const bobAccount = await bob.client.ok<{ createAccount: { id: string } }>(CREATE_ACCOUNT, {
      name: 'Itaú',
    });
    await bob.client.ok(CREATE_ENTRY, { accountId: bobAccount.createAccount.id, amount: '1.00' });
    await until(() => other.received.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(rich.received).toHaveLength(1);
    expect(plain.received).toHaveLength(1);
    expect(other.received[0]).toEqual({
      balanceChanged: { accountId: bobAccount.createAccount.id, balance: { amount: '1.00' } },
    });
  });

  it('filters by the accountId argument', async () => {
    const carla = await registerUser(stack.client, 'carla');
    const a = (
      await carla.client.ok<{ createAccount: { id: string } }>(CREATE_ACCOUNT, { name: 'A' })
    ).createAccount.id;
    const b = (
      await carla.client.ok<{ createAccount: { id: string } }>(CREATE_ACCOUNT, { name: 'B' })
    ).createAccount.id;
    const socket = wsClient(stack, `Bearer ${carla.accessToken}`);
    sockets.push(socket);
    const onlyB = collect(
      socket,
      'subscription($id: ID) { balanceChanged(accountId: $id) { accountId } }',
      { id: b },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    await carla.client.ok(CREATE_ENTRY, { accountId: a, amount: '5.00' });
    await carla.client.ok(CREATE_ENTRY, { accountId: b, amount: '7.00' });
    await until(() => onlyB.received.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(onlyB.received).toEqual([{ balanceChanged: { accountId: b } }]);
  });

  it('refuses connections without a valid credential, and subscriptions without the scope', async () => {
    const anonymous = wsClient(stack, null);
    const closed = new Promise<unknown>((resolve) => anonymous.on('closed', resolve));
    sockets.push(anonymous);
    const event = (await closed) as { code: number };
    expect(event.code).toBe(4403);

    const dora = await registerUser(stack.client, 'dora');
    const key = await dora.client.ok<{ createApiKey: { secret: string } }>(
      'mutation { createApiKey(name: "cards only", scopes: ["cards:read"]) { secret } }',
    );
    const partner = wsClient(stack, `ApiKey ${key.createApiKey.secret}`);
    sockets.push(partner);
    const denied = collect(partner, 'subscription { balanceChanged { accountId } }');
    await until(() => denied.errors.length > 0 || denied.received.length > 0);
    expect(JSON.stringify(denied.errors)).toContain('Missing scope: ledger:read');
  });

  it('works across router replicas: each delivers to its own clients', async () => {
    const second = await startRouterOver(stack.subgraphs, stack.namespace);
    try {
      const eva = await registerUser(stack.client, 'eva');
      const accountId = (
        await eva.client.ok<{ createAccount: { id: string } }>(CREATE_ACCOUNT, { name: 'X' })
      ).createAccount.id;
      const one = wsClient(stack, `Bearer ${eva.accessToken}`);
      const two = wsClient({ router: second }, `Bearer ${eva.accessToken}`);
      sockets.push(one, two);
      const a = collect(one, 'subscription { balanceChanged { accountId } }');
      const b = collect(two, 'subscription { balanceChanged { accountId } }');
      await new Promise((resolve) => setTimeout(resolve, 300));
      await eva.client.ok(CREATE_ENTRY, { accountId, amount: '2.00' });
      await until(() => a.received.length === 1 && b.received.length === 1);
      expect(a.received).toEqual(b.received);
    } finally {
      await second.stop();
    }
  });

  it('closes the socket with a retryable 4403 when the credential expires', async () => {
    // API-key callers are re-checked after API_KEY_CACHE_SECONDS: their credential "expires" then.
    const short = await startRouterOver(stack.subgraphs, stack.namespace, {
      API_KEY_CACHE_SECONDS: '1',
    });
    try {
      const fred = await registerUser(stack.client, 'fred');
      const key = await fred.client.ok<{ createApiKey: { secret: string } }>(
        'mutation { createApiKey(name: "dash", scopes: ["ledger:read"]) { secret } }',
      );
      const socket = wsClient({ router: short }, `ApiKey ${key.createApiKey.secret}`);
      sockets.push(socket);
      const closed = new Promise<{ code: number; reason: string }>((resolve) =>
        socket.on('closed', (event) => resolve(event as { code: number; reason: string })),
      );
      collect(socket, 'subscription { balanceChanged { accountId } }');
      const event = await closed;
      expect(event.code).toBe(4403);
      expect(event.reason).toMatch(/expired/);
    } finally {
      await short.stop();
    }
  });
});
