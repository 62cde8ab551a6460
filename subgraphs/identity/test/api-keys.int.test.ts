import { Scope } from '@saldo/kit';
import { errorCode, mintToken } from '@saldo/kit/testing';
import { baseUrl, register, startIdentityForTest, type Identity } from './helpers';

const CREATE = `mutation($name: String!, $scopes: [String!]!) {
  createApiKey(name: $name, scopes: $scopes) { secret apiKey { id name prefix scopes createdAt lastUsedAt revokedAt } }
}`;
const LIST = `query($first: Int, $after: String, $all: Boolean) {
  apiKeys(first: $first, after: $after, includeRevoked: $all) {
    edges { node { id name scopes revokedAt } } pageInfo { hasNextPage endCursor }
  }
}`;
const REVOKE = 'mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }';

interface Created {
  createApiKey: {
    secret: string;
    apiKey: {
      id: string;
      name: string;
      prefix: string;
      scopes: string[];
      lastUsedAt: string | null;
    };
  };
}
interface Listed {
  apiKeys: {
    edges: { node: { id: string; name: string; scopes: string[]; revokedAt: string | null } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

describe('API keys', () => {
  let t: Identity;
  let routerToken: string;

  beforeAll(async () => {
    t = await startIdentityForTest({ API_KEYS_PER_USER: 3 });
    routerToken = await mintToken('identity', { sub: null, scopes: [Scope.ROUTER] }, 600);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  const verify = async (key: unknown, token: string | null = routerToken) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token !== null) headers['authorization'] = `Bearer ${token}`;
    const response = await fetch(`${baseUrl(t)}/internal/api-keys/verify`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ key }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  const newUser = async () => t.client.as((await register(t.client)).user.id);

  it('creates a key, shows the secret once and stores only its hash', async () => {
    const ana = await newUser();
    const { createApiKey } = await ana.ok<Created>(CREATE, {
      name: ' ERP sync ',
      scopes: ['ledger:write', 'ledger:read', 'ledger:read'],
    });
    expect(createApiKey.secret).toMatch(new RegExp(`^saldo_${createApiKey.apiKey.prefix}_`));
    expect(createApiKey.apiKey).toMatchObject({
      name: 'ERP sync',
      scopes: ['ledger:read', 'ledger:write'],
      lastUsedAt: null,
    });
    const stored = await t.query<Record<string, unknown>>('select * from api_keys where id = ?', [
      createApiKey.apiKey.id,
    ]);
    expect(JSON.stringify(stored)).not.toContain(
      createApiKey.secret.slice('saldo_0123456789ab_'.length),
    );
    const listed = await ana.ok<Listed>(LIST);
    expect(listed.apiKeys.edges.map((e) => e.node.id)).toEqual([createApiKey.apiKey.id]);
    expect(JSON.stringify(listed)).not.toContain(createApiKey.secret);
  });

  it('lets the router verify a key: owner, scopes and time zone; lastUsedAt recorded', async () => {
    const session = await register(t.client, undefined, { timeZone: 'Europe/Lisbon' });
    const { createApiKey } = await t.client
      .as(session.user.id)
      .ok<Created>(CREATE, { name: 'cards', scopes: ['cards:read'] });
    const first = await verify(createApiKey.secret);
    expect(first).toEqual({
      status: 200,
      body: { userId: session.user.id, scopes: ['cards:read'], timeZone: 'Europe/Lisbon' },
    });
    expect((await verify(createApiKey.secret)).status).toBe(200);
    const [row] = await t.query<{ last_used_at: string | null }>(
      'select last_used_at from api_keys where id = ?',
      [createApiKey.apiKey.id],
    );
    expect(row?.last_used_at).not.toBeNull();
  });

  it('answers 401 for unknown, tampered and malformed keys', async () => {
    const ana = await newUser();
    const { createApiKey } = await ana.ok<Created>(CREATE, { name: 'k', scopes: ['ledger:read'] });
    const tampered = `${createApiKey.secret.slice(0, -1)}${createApiKey.secret.endsWith('A') ? 'B' : 'A'}`;
    for (const key of [tampered, 'saldo_000000000000_' + 'a'.repeat(43), 'nonsense']) {
      expect(await verify(key)).toEqual({
        status: 401,
        body: { error: 'Invalid or revoked API key' },
      });
    }
    expect((await verify(42)).status).toBe(400);
  });

  it('refuses callers other than the router', async () => {
    const ana = await newUser();
    const { createApiKey } = await ana.ok<Created>(CREATE, { name: 'k', scopes: ['ledger:read'] });
    expect((await verify(createApiKey.secret, null)).status).toBe(401);
    expect((await verify(createApiKey.secret, 'forged.token.value')).status).toBe(401);
    const userToken = await mintToken('identity', { sub: (await register(t.client)).user.id });
    expect(await verify(createApiKey.secret, userToken)).toEqual({
      status: 403,
      body: { error: 'Router only' },
    });
    const otherAudience = await mintToken('ledger', { sub: null, scopes: [Scope.ROUTER] });
    expect((await verify(createApiKey.secret, otherAudience)).status).toBe(401);
  });

  it('stops verifying a key once revoked', async () => {
    const ana = await newUser();
    const { createApiKey } = await ana.ok<Created>(CREATE, { name: 'k', scopes: ['ledger:read'] });
    expect((await verify(createApiKey.secret)).status).toBe(200);
    const revoked = await ana.ok<{ revokeApiKey: { revokedAt: string | null } }>(REVOKE, {
      id: createApiKey.apiKey.id,
    });
    expect(revoked.revokeApiKey.revokedAt).toEqual(expect.any(String));
    expect((await verify(createApiKey.secret)).status).toBe(401);
    expect((await ana.ok<Listed>(LIST)).apiKeys.edges).toEqual([]);
    const all = await ana.ok<Listed>(LIST, { all: true });
    expect(all.apiKeys.edges.map((e) => e.node.revokedAt)).toEqual([expect.any(String)]);
  });

  it('refuses profile, admin, router and unknown scopes', async () => {
    const ana = await newUser();
    for (const scopes of [['profile'], ['admin'], ['router'], ['ledger:read', 'ledger:nuke'], []]) {
      const result = await ana.request(CREATE, { name: 'k', scopes });
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.extensions?.['field']).toBe('scopes');
    }
  });

  it('limits active keys per user and pages through them', async () => {
    const ana = await newUser();
    const ids: string[] = [];
    for (const name of ['a', 'b', 'c']) {
      ids.push(
        (await ana.ok<Created>(CREATE, { name, scopes: ['ledger:read'] })).createApiKey.apiKey.id,
      );
    }
    const fourth = await ana.request(CREATE, { name: 'd', scopes: ['ledger:read'] });
    expect(errorCode(fourth)).toBe('LIMIT_EXCEEDED');
    const page1 = await ana.ok<Listed>(LIST, { first: 2 });
    const page2 = await ana.ok<Listed>(LIST, { first: 2, after: page1.apiKeys.pageInfo.endCursor });
    expect([...page1.apiKeys.edges, ...page2.apiKeys.edges].map((e) => e.node.name)).toEqual([
      'c',
      'b',
      'a',
    ]);
    expect(page1.apiKeys.pageInfo.hasNextPage).toBe(true);
    expect(page2.apiKeys.pageInfo.hasNextPage).toBe(false);
  });

  it('keeps each user to their own keys', async () => {
    const ana = await newUser();
    const bob = await newUser();
    const { createApiKey } = await ana.ok<Created>(CREATE, { name: 'k', scopes: ['ledger:read'] });
    expect((await bob.ok<Listed>(LIST)).apiKeys.edges).toEqual([]);
    const stolen = await bob.request(REVOKE, { id: createApiKey.apiKey.id });
    expect(errorCode(stolen)).toBe('NOT_FOUND');
    expect(errorCode(await bob.request(REVOKE, { id: 'not-a-uuid' }))).toBe('NOT_FOUND');
    expect((await verify(createApiKey.secret)).status).toBe(200);
  });

  it('cannot be managed with an API key (no profile scope)', async () => {
    const userId = (await register(t.client)).user.id;
    const asKey = t.client.as(userId, [Scope.LEDGER_READ, Scope.LEDGER_WRITE]);
    expect(errorCode(await asKey.request(CREATE, { name: 'k', scopes: ['ledger:read'] }))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await asKey.request(LIST))).toBe('FORBIDDEN');
    expect(errorCode(await asKey.request('{ me { id } }'))).toBe('FORBIDDEN');
    expect(errorCode(await asKey.request('mutation { deleteAccount(password: "x") }'))).toBe(
      'FORBIDDEN',
    );
  });
});
