import { createHash } from 'node:crypto';
import { code, registerUser, RouterClient, useStack } from './harness';

describe('router over identity', () => {
  const stack = useStack({ subgraphs: ['identity'] });

  it('lets anonymous callers reach identity public operations only', async () => {
    const user = await registerUser(stack().client, 'ana');
    expect(user.user.id).toEqual(expect.any(String));
    const anonymousMe = await stack().client.request('{ me { id } }');
    expect(code(anonymousMe)).toBe('UNAUTHENTICATED');
  });

  it('verifies access tokens against the JWKS and forwards the caller', async () => {
    const user = await registerUser(stack().client, 'bia');
    const me = await user.client.ok<{ me: { id: string; email: string } }>('{ me { id email } }');
    expect(me.me).toEqual({ id: user.user.id, email: user.email });
  });

  it('refuses malformed, forged and unknown credentials with UNAUTHENTICATED', async () => {
    for (const header of ['Bearer nope', 'Basic abc', 'ApiKey saldo_000000000000_zzz', 'Bearer']) {
      const result = await stack().client.withAuthorization(header).request('{ me { id } }');
      expect([header, code(result), result.status]).toEqual([header, 'UNAUTHENTICATED', 401]);
    }
  });

  it('authenticates API keys as their owner, limited to their scopes', async () => {
    const user = await registerUser(stack().client, 'carla');
    const created = await user.client.ok<{ createApiKey: { secret: string } }>(
      'mutation { createApiKey(name: "erp", scopes: ["ledger:read"]) { secret } }',
    );
    const partner = stack().client.withApiKey(created.createApiKey.secret);
    // `me` needs the `profile` scope, which keys never carry.
    expect(code(await partner.request('{ me { id } }'))).toBe('FORBIDDEN');
  });

  it('keeps two users apart', async () => {
    const a = await registerUser(stack().client, 'dora');
    const b = await registerUser(stack().client, 'edu');
    const aMe = await a.client.ok<{ me: { id: string } }>('{ me { id } }');
    const bMe = await b.client.ok<{ me: { id: string } }>('{ me { id } }');
    expect(aMe.me.id).not.toBe(bMe.me.id);
  });

  it('refuses a direct call to a subgraph that lacks the router token', async () => {
    const user = await registerUser(stack().client, 'fabi');
    const direct = await fetch(stack().subgraphs['identity']!.subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${user.accessToken}` },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(direct.status).toBe(401);
    const anonymous = await fetch(stack().subgraphs['identity']!.subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(
      ((await anonymous.json()) as { errors: { extensions: { code: string } }[] }).errors[0]
        ?.extensions.code,
    ).toBe('UNAUTHENTICATED');
  });

  describe('limits', () => {
    it('answers too deep, too many aliases, too many tokens and too costly with clear errors', async () => {
      const strict = await stack().startRouter({
        MAX_DEPTH: '3',
        MAX_ALIASES: '2',
        MAX_TOKENS: '60',
        MAX_COST: '20',
      });
      try {
        const client = new RouterClient(strict.url);
        const tooDeep = await client.request('{ apiKeys { edges { node { id } } } }');
        expect(code(tooDeep)).toBe('GRAPHQL_VALIDATION_FAILED');
        expect(tooDeep.errors?.[0]?.message).toMatch(/depth/i);
        const tooManyAliases = await client.request('{ a: me { id } b: me { id } c: me { id } }');
        expect(tooManyAliases.errors?.[0]?.message).toMatch(/alias/i);
        const tooManyTokens = await client.request(`{ me { ${'id '.repeat(70)} } }`);
        expect(tooManyTokens.errors?.[0]?.message).toMatch(/token/i);
        const tooCostly = await client.request(
          '{ me { id email name timeZone locale createdAt } x: me { id email name timeZone locale } }',
        );
        expect(tooCostly.errors?.[0]?.message).toMatch(/cost/i);
      } finally {
        await strict.stop();
      }
    });

    it('refuses oversized bodies and batched requests', async () => {
      const big = await fetch(stack().router.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ __typename } #${'x'.repeat(1_100_000)}` }),
      });
      expect(big.status).toBe(413);
      const batch = await fetch(stack().router.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
      });
      expect(batch.status).toBe(400);
    });

    it('refuses CSRF-able GET requests', async () => {
      const result = await fetch(
        `${stack().router.url}?query=${encodeURIComponent('{ __typename }')}`,
      );
      expect(result.status).toBe(400);
      expect(await result.text()).toMatch(/CSRF/);
    });

    it('rate-limits per user with RATE_LIMITED and Retry-After', async () => {
      const limited = await stack().startRouter({
        RATE_LIMIT_PER_SECOND: '1',
        RATE_LIMIT_BURST: '3',
      });
      try {
        const statuses: number[] = [];
        let last: Response | null = null;
        for (let i = 0; i < 5; i += 1) {
          last = await fetch(limited.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: '{ __typename }' }),
          });
          statuses.push(last.status);
        }
        expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
        expect(statuses[4]).toBe(429);
        expect(last?.headers.get('retry-after')).toBe('1');
        const body = (await last!.json()) as { errors: { extensions: { code: string } }[] };
        expect(body.errors[0]?.extensions.code).toBe('RATE_LIMITED');
      } finally {
        await limited.stop();
      }
    });

    it('turns introspection off in production', async () => {
      const production = await stack().startRouter({
        NODE_ENV: 'production',
      });
      try {
        const result = await fetch(production.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
        });
        const body = (await result.json()) as { errors?: { message: string }[] };
        expect(body.errors?.[0]?.message).toMatch(/introspection/i);
      } finally {
        await production.stop();
      }
    });
  });

  it('supports automatic persisted queries', async () => {
    const query = '{ __typename }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const send = (body: Record<string, unknown>) =>
      fetch(stack().router.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then(
        (r) =>
          r.json() as Promise<{ data?: unknown; errors?: { extensions?: { code?: string } }[] }>,
      );
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const miss = await send({ extensions });
    expect(miss.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await send({ query, extensions })).data).toEqual({ __typename: 'Query' });
    expect((await send({ extensions })).data).toEqual({ __typename: 'Query' });
  });
});
