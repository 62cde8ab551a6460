import { memoryTokenStore, SaldoError, type SaldoClient } from '../src';
import { EntriesListDocument } from '../src/generated/graphql';
import {
  countingFetch,
  droppingProxy,
  PASSWORD,
  sdk,
  signedUpWithAccount,
  uniqueEmail,
  useStack,
  waitForSubscriptions,
} from './stack';

// The SDK against the real stack: router + identity + ledger + consolidation + cards on
// their own databases, real NATS.

const PAST = new Date(Date.now() - 60_000).toISOString();
const FUTURE = new Date(Date.now() + 3_600_000).toISOString();

describe('@saldo/sdk against the router', () => {
  const stack = useStack({ subgraphs: ['identity', 'ledger', 'consolidation', 'cards'] });
  const url = () => stack().router.url;
  const clients: SaldoClient[] = [];
  afterAll(async () => {
    for (const c of clients) await c.close();
  });

  it('signs up, books through typed domain methods and reads back with client.request', async () => {
    const { client, account } = await signedUpWithAccount(url());
    const entry = await client.entries.create({
      input: { kind: 'EXPENSE', accountId: account.id, amount: '45.90', description: 'mercado' },
    });
    expect(entry).toMatchObject({ kind: 'EXPENSE', amount: { amount: '45.90', currency: 'BRL' } });

    const page = await client.request(EntriesListDocument, { filter: { accountId: account.id } });
    expect(page.entries.edges.map((e) => e.node.id)).toEqual([entry.id]);
    const [listed] = await client.accounts.list();
    expect(listed?.balance).toEqual({ amount: '-45.90', currency: 'BRL' });
    const me = await client.identity.me();
    expect(me.name).toBe('Ana');
  });

  it('books a transfer and a bill through their own methods', async () => {
    const { client, account } = await signedUpWithAccount(url());
    const savings = await client.accounts.create({
      input: { name: 'Poupança', type: 'SAVINGS', currency: 'BRL' },
    });
    const transfer = await client.transfers.create({
      accountId: account.id,
      toAccountId: savings.id,
      amount: '100.00',
    });
    expect(transfer.kind).toBe('TRANSFER');
    const bill = await client.bills.create({
      accountId: account.id,
      amount: '120.00',
      dueDate: '2030-01-10',
      description: 'luz',
    });
    expect(bill).toMatchObject({ status: 'PENDING', dueDate: '2030-01-10' });
    const paid = await client.bills.markPaid({ id: bill.id });
    expect(paid.status).toBe('POSTED');
  });

  it('throws a typed SaldoError with the code and the field', async () => {
    const { client, account } = await signedUpWithAccount(url());
    const tooPrecise = client.entries.create({
      input: { kind: 'EXPENSE', accountId: account.id, amount: '1.234' },
    });
    await expect(tooPrecise).rejects.toBeInstanceOf(SaldoError);
    await expect(tooPrecise).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });

    const other = await signedUpWithAccount(url());
    const foreign = other.client.accounts.get({ id: account.id });
    await expect(foreign).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const missing = client.entries.create({
      input: { kind: 'EXPENSE', accountId: other.account.id, amount: '1.00' },
    });
    await expect(missing).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'accountId' });
  });

  it('100 concurrent calls with an expired access token cause exactly one refresh', async () => {
    const first = sdk(url());
    const email = uniqueEmail('bia');
    const { tokens } = await first.auth.register({ email, password: PASSWORD, name: 'Bia' });
    const store = memoryTokenStore({ ...tokens, expiresAt: PAST });
    const counting = countingFetch();
    const client = sdk(url(), { auth: { store }, fetch: counting.fetch });

    const results = await Promise.all(Array.from({ length: 100 }, () => client.identity.me()));
    expect(results.every((me) => me.email === email)).toBe(true);
    expect(counting.count('IdentityRefreshSession')).toBe(1);
    expect(client.auth.refreshes).toBe(1);
    // Rotation: the store holds the new pair; the old refresh token is spent.
    const rotated = await store.load();
    expect(rotated?.refreshToken).not.toBe(tokens.refreshToken);
    const reuse = sdk(url(), { auth: { refreshToken: tokens.refreshToken } }).identity.me();
    await expect(reuse).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('100 concurrent calls answered UNAUTHENTICATED cause exactly one refresh and all succeed', async () => {
    const first = sdk(url());
    const { tokens } = await first.auth.register({
      email: uniqueEmail('caio'),
      password: PASSWORD,
      name: 'Caio',
    });
    // An access token the router refuses although it claims an hour left.
    const store = memoryTokenStore({
      ...tokens,
      accessToken: 'revoked.token.x',
      expiresAt: FUTURE,
    });
    const counting = countingFetch();
    const client = sdk(url(), { auth: { store }, fetch: counting.fetch });
    const results = await Promise.all(Array.from({ length: 100 }, () => client.accounts.list()));
    expect(results).toHaveLength(100);
    expect(counting.count('IdentityRefreshSession')).toBe(1);
    expect(counting.count('AccountsList')).toBe(200);
  });

  it('signs in with email and password on first use and signOut clears the tokens', async () => {
    const email = uniqueEmail('duda');
    await sdk(url()).auth.register({ email, password: PASSWORD, name: 'Duda' });
    const store = memoryTokenStore();
    const client = sdk(url(), { auth: { email, password: PASSWORD, store } });
    expect((await client.identity.me()).email).toBe(email);
    const held = await store.load();
    expect(held?.refreshToken).toBeTruthy();

    await client.auth.signOut();
    expect(await store.load()).toBeNull();
    expect(await client.auth.tokens()).toBeNull();
    // The signed-out refresh token is revoked on the server too.
    const revoked = sdk(url(), { auth: { refreshToken: held!.refreshToken } }).identity.me();
    await expect(revoked).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('authenticates with an API key', async () => {
    const { client, account } = await signedUpWithAccount(url());
    const { secret } = await client.identity.createApiKey({
      name: 'partner',
      scopes: ['ledger:read'],
    });
    const partner = sdk(url(), { auth: { apiKey: secret } });
    const accounts = await partner.accounts.list();
    expect(accounts.map((a) => a.id)).toEqual([account.id]);
  });

  it('a money mutation retried after a dropped response books once', async () => {
    const { client: direct, account } = await signedUpWithAccount(url());
    const tokens = (await direct.auth.tokens())!;
    const proxy = await droppingProxy(url(), 'EntriesCreate');
    try {
      const client = sdk(proxy.url, { auth: { store: memoryTokenStore(tokens) } });
      const entry = await client.entries.create({
        input: { kind: 'INCOME', accountId: account.id, amount: '250.00' },
      });
      // The first attempt reached the ledger and was booked; the client never saw it.
      expect(proxy.dropped).toHaveLength(1);
      expect(proxy.seen).toHaveLength(2);
      const keys = proxy.seen.map(
        (body) =>
          (JSON.parse(body) as { variables: { input: { idempotencyKey: string } } }).variables.input
            .idempotencyKey,
      );
      expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
      expect(keys[1]).toBe(keys[0]);

      const page = await direct.entries.list({ filter: { accountId: account.id } });
      expect(page.edges.map((e) => e.node.id)).toEqual([entry.id]);
      const got = await direct.accounts.get({ id: account.id });
      expect(got.balance.amount).toBe('250.00');
    } finally {
      await proxy.close();
    }
  });

  it('createMany gives each input its own key and a retry books each once', async () => {
    const { client: direct, account } = await signedUpWithAccount(url());
    const proxy = await droppingProxy(url(), 'EntriesCreateMany');
    try {
      const client = sdk(proxy.url, {
        auth: { store: memoryTokenStore(await direct.auth.tokens()) },
      });
      const inputs = ['1.00', '2.00', '3.00'].map((amount) => ({
        kind: 'INCOME' as const,
        accountId: account.id,
        amount,
      }));
      const created = await client.entries.createMany({ inputs });
      expect(created).toHaveLength(3);
      const sent = proxy.seen.map((body) =>
        (
          JSON.parse(body) as { variables: { inputs: { idempotencyKey: string }[] } }
        ).variables.inputs.map((i) => i.idempotencyKey),
      );
      expect(new Set(sent[0]).size).toBe(3);
      expect(sent[1]).toEqual(sent[0]);
      const got = await direct.accounts.get({ id: account.id });
      expect(got.balance.amount).toBe('6.00');
    } finally {
      await proxy.close();
    }
  });

  it('a mutation without an idempotency key is not retried after a network error', async () => {
    const { client: direct, account } = await signedUpWithAccount(url());
    const proxy = await droppingProxy(url(), 'AccountsUpdate');
    try {
      const client = sdk(proxy.url, {
        auth: { store: memoryTokenStore(await direct.auth.tokens()) },
      });
      const update = client.accounts.update({ id: account.id, input: { color: '#123456' } });
      await expect(update).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
      expect(proxy.seen).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  it('a subscription keeps delivering across a router restart', async () => {
    const { router } = stack();
    const { client, account } = await signedUpWithAccount(router.url);
    clients.push(client);
    const changes = client.subscribe.balanceChanged({ accountId: account.id });
    const first = changes.next();
    await waitForSubscriptions(router, 1);
    await client.entries.create({
      input: { kind: 'INCOME', accountId: account.id, amount: '10.00' },
    });
    expect((await first).value).toMatchObject({ balance: { amount: '10.00' } });

    await router.stop();
    const restarted = await stack().startRouter({ PORT: String(router.port) });
    const second = changes.next();
    await waitForSubscriptions(restarted, 1);
    expect(client.liveConnections).toBeGreaterThanOrEqual(2);
    await client.entries.create({
      input: { kind: 'INCOME', accountId: account.id, amount: '5.00' },
    });
    expect((await second).value).toMatchObject({
      accountId: account.id,
      balance: { amount: '15.00' },
      delta: { amount: '5.00' },
    });
    await changes.return();
  }, 60_000);
});
