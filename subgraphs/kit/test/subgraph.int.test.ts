import { newId, Scope } from '../src';
import {
  errorCode,
  mintToken,
  startTestSubgraph,
  waitFor,
  type TestSubgraph,
} from '../src/testing';
import { holdRequests, referenceBatches, startNotes } from './fixtures/notes';

type Notes = Awaited<ReturnType<typeof startNotes>>;

describe('createSubgraph', () => {
  let t: TestSubgraph<Notes>;
  const alice = newId();
  const bob = newId();

  beforeAll(async () => {
    t = await startTestSubgraph('kit_subgraph', startNotes);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  const base = () => t.subgraph.url.replace(/\/graphql$/, '');

  it('answers /health, /ready and /metrics', async () => {
    expect((await fetch(`${base()}/health`)).status).toBe(200);
    const ready = await fetch(`${base()}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', db: true, nats: true });
    await t.client.as(alice).ok('query Ping { ping }');
    const metrics = await (await fetch(`${base()}/metrics`)).text();
    expect(metrics).toContain('graphql_requests_total{operation="Ping",outcome="ok"');
    expect(metrics).toContain('graphql_request_duration_seconds_bucket');
    expect(metrics).toMatch(/outbox_backlog\{[^}]*\} 0/);
    // Read from the pool (not only declared): one line per state, each with a count.
    for (const state of ['used', 'free', 'pending']) {
      expect(metrics).toMatch(
        new RegExp(`db_pool_connections\\{[^}]*state="${state}"[^}]*\\} \\d+`),
      );
    }
  });

  it('rejects requests without the router identity, except public fields', async () => {
    const anonymous = await t.client.request('{ notes { edges { node { id } } } }');
    expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
    expect(anonymous.status).toBe(401);
    expect(await t.client.ok('{ ping }')).toEqual({ ping: 'pong' });
    const mixed = await t.client.request('{ ping notes { edges { cursor } } }');
    expect(errorCode(mixed)).toBe('UNAUTHENTICATED');
  });

  it('rejects forged, expired and wrong-audience tokens', async () => {
    const forged = await t.client
      .withAuthorization('Bearer eyJhbGciOiJFZERTQSJ9.e30.AAAA')
      .request('{ ping }');
    expect(errorCode(forged)).toBe('UNAUTHENTICATED');
    const expired = await mintToken('notes', { sub: alice }, -10);
    expect(
      errorCode(await t.client.withAuthorization(`Bearer ${expired}`).request('{ ping }')),
    ).toBe('UNAUTHENTICATED');
    const otherAudience = await mintToken('ledger', { sub: alice });
    expect(
      errorCode(await t.client.withAuthorization(`Bearer ${otherAudience}`).request('{ ping }')),
    ).toBe('UNAUTHENTICATED');
  });

  it('enforces scopes', async () => {
    const readOnly = t.client.as(alice, [Scope.LEDGER_READ]);
    const denied = await readOnly.request('mutation { createNote(text: "x") { id } }');
    expect(errorCode(denied)).toBe('FORBIDDEN');
    expect(
      (await readOnly.ok<{ notes: { edges: unknown[] } }>('{ notes { edges { cursor } } }')).notes
        .edges,
    ).toEqual([]);
  });

  it('maps domain errors and masks internal ones', async () => {
    const bad = await t.client.as(alice).request('mutation { createNote(text: " ") { id } }');
    expect(bad.errors?.[0]).toEqual(
      expect.objectContaining({
        message: 'Text must not be empty',
        extensions: { code: 'BAD_USER_INPUT', field: 'text' },
      }),
    );
    const tooPrecise = await t.client
      .as(alice)
      .request('mutation { createNote(text: "x", amount: "1.001") { id } }');
    expect(errorCode(tooPrecise)).toBe('BAD_USER_INPUT');
    const badScalar = await t.client
      .as(alice)
      .request('mutation($a: Decimal!) { createNote(text: "x", amount: $a) { id } }', { a: 1.5 });
    expect(errorCode(badScalar)).toBe('BAD_USER_INPUT');
    const internal = await t.client.as(alice).request('{ explode }');
    expect(internal.errors?.[0]?.message).toBe('Internal server error');
    expect(JSON.stringify(internal)).not.toContain('secret_table');
    expect(JSON.stringify(internal)).not.toMatch(/stack/i);
  });

  it('scopes data to the caller and paginates with opaque cursors', async () => {
    for (let i = 0; i < 5; i += 1) {
      await t.client
        .as(alice)
        .ok('mutation($t: String!) { createNote(text: $t, amount: "10.50") { id } }', {
          t: `a${i}`,
        });
    }
    await t.client.as(bob).ok('mutation { createNote(text: "bob") { id } }');
    type Page = {
      notes: {
        edges: { node: { text: string; amount: { amount: string } } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const query =
      'query($after: String) { notes(first: 2, after: $after) { edges { node { text amount { amount currency } } } pageInfo { hasNextPage endCursor } } }';
    const texts: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Page = await t.client.as(alice).ok<Page>(query, { after });
      texts.push(...page.notes.edges.map((e) => e.node.text));
      if (!page.notes.pageInfo.hasNextPage) break;
      after = page.notes.pageInfo.endCursor;
    }
    expect(texts).toEqual(['a0', 'a1', 'a2', 'a3', 'a4']);
    const bobs = await t.client.as(bob).ok<Page>(query, { after: null });
    expect(bobs.notes.edges.map((e) => e.node.text)).toEqual(['bob']);
    const garbage = await t.client.as(alice).request(query, { after: 'garbage' });
    expect(errorCode(garbage)).toBe('BAD_USER_INPUT');
  });

  it('resolves _entities in one batch and only for the owner', async () => {
    const created = await t.client
      .as(alice)
      .ok<{ createNote: { id: string } }>('mutation { createNote(text: "e") { id } }');
    const id = created.createNote.id;
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Note { id text } } }`;
    const reps = [
      { __typename: 'Note', id },
      { __typename: 'Note', id: newId() },
    ];
    const before = referenceBatches.count;
    const mine = await t.client.as(alice).ok<{ _entities: unknown[] }>(query, { r: reps });
    expect(mine._entities).toEqual([{ id, text: 'e' }, null]);
    expect(referenceBatches.count - before).toBe(1);
    const theirs = await t.client.as(bob).ok<{ _entities: unknown[] }>(query, { r: reps });
    expect(theirs._entities).toEqual([null, null]);
  });

  it('publishes an SDL with the federation link and the shared types', () => {
    expect(t.subgraph.sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.3"');
    expect(t.subgraph.sdl).toMatch(/type Note\s+@key\(fields: "id"\)/);
    expect(t.subgraph.sdl).toMatch(/type Money\s+@shareable/);
    expect(t.subgraph.sdl).toMatch(/type PageInfo\s+@shareable/);
  });
});

describe('graceful shutdown', () => {
  it('finishes in-flight requests, then refuses new ones', async () => {
    const t = await startTestSubgraph('kit_shutdown', startNotes);
    const alice = newId();
    try {
      const { held, release } = holdRequests();
      const inFlight = t.client
        .as(alice)
        .request('mutation { createNote(text: "late") { id text } }');
      await held; // the request is inside the resolver
      const stopping = t.subgraph.stop();
      await waitFor(() => !t.subgraph.http.server.listening, {
        what: 'the server to stop listening',
      });
      release();
      const result = await inFlight;
      expect(result.data).toEqual({ createNote: { id: expect.any(String), text: 'late' } });
      await stopping;
      await expect(fetch(t.subgraph.url.replace('/graphql', '/health'))).rejects.toThrow();
    } finally {
      await t.cleanup();
    }
  });
});
