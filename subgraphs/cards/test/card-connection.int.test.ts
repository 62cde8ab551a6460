import { encodeCursor } from '@saldo/kit';
import { errorCode } from '@saldo/kit/testing';
import { seedCards } from './bulk';
import { startCardsForTest, type Api, type TestCards } from './helpers';

interface CardPage {
  edges: { cursor: string; node: { id: string; name: string; archived: boolean } }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

const PAGE = `query($id: ID!, $first: Int, $after: String, $includeArchived: Boolean) {
  _entities(representations: [{ __typename: "User", id: $id }]) {
    ... on User {
      cardConnection(first: $first, after: $after, includeArchived: $includeArchived) {
        edges { cursor node { id name archived } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }
  }
}`;

async function page(
  api: Api,
  variables: { first?: number; after?: string | null; includeArchived?: boolean; id?: string },
): Promise<CardPage | null> {
  const data = await api.ok<{ _entities: ({ cardConnection: CardPage } | null)[] }>(PAGE, {
    id: api.userId,
    ...variables,
  });
  return data._entities[0]?.cardConnection ?? null;
}

const names = (p: CardPage | null) => p?.edges.map((e) => e.node.name);

describe('User.cardConnection', () => {
  let t: TestCards;

  beforeAll(async () => {
    t = await startCardsForTest('cards_connection');
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('pages your cards oldest first, archived ones only when asked, never anyone else’s', async () => {
    const ana = t.as();
    const bob = t.as();
    // Created out of id order: "oldest first" must follow the creation time.
    const at = (time: string) => t.clock.set(`2026-03-05T${time}Z`);
    at('15:00:03');
    const c = await ana.card({ name: 'C' });
    at('15:00:01');
    const a = await ana.card({ name: 'A' });
    at('15:00:02');
    await ana.card({ name: 'B' });
    at('15:00:04');
    await ana.card({ name: 'D' });
    at('15:00:02.5');
    await bob.card({ name: 'Bob' });
    t.clock.set('2026-03-05T15:00:00Z');
    await ana.ok('mutation($id: ID!) { archiveCard(id: $id) { id } }', { id: c.id });

    const first = await page(ana, { first: 2 });
    expect(names(first)).toEqual(['A', 'B']);
    expect(first!.edges[0]!.node.id).toBe(a.id);
    expect(first!.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = await page(ana, { first: 2, after: first!.pageInfo.endCursor });
    expect(names(second)).toEqual(['D']);
    expect(second!.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });

    const all = await page(ana, { first: 2, includeArchived: true });
    expect(names(all)).toEqual(['A', 'B']);
    const rest = await page(ana, {
      first: 2,
      includeArchived: true,
      after: all!.pageInfo.endCursor,
    });
    expect(rest!.edges.map((e) => [e.node.name, e.node.archived])).toEqual([
      ['C', true],
      ['D', false],
    ]);
    expect(rest!.pageInfo.hasNextPage).toBe(false);
    // The same order as the deprecated list.
    const listed = await ana.ok<{ _entities: { cards: { name: string }[] }[] }>(
      `query($id: ID!) { _entities(representations: [{ __typename: "User", id: $id }]) {
        ... on User { cards(includeArchived: true) { name } } } }`,
      { id: ana.userId },
    );
    expect(listed._entities[0]!.cards.map((x) => x.name)).toEqual(['A', 'B', 'C', 'D']);

    // Bob: only his card, from the start or from a cursor of Ana's; Ana's user is not his.
    expect(names(await page(bob, { includeArchived: true }))).toEqual(['Bob']);
    expect(names(await page(bob, { after: first!.pageInfo.endCursor }))).toEqual(['Bob']);
    expect(await page(bob, { id: ana.userId })).toBeNull();
    expect(names(await page(ana, { first: 10 }))).toEqual(['A', 'B', 'D']);
  });

  it('pages cards created within the same millisecond without repeating or skipping one', async () => {
    const many = t.as();
    await seedCards(t, many.userId, 40);
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i += 1) {
      const p: CardPage | null = await page(many, { first: 7, after });
      seen.push(...p!.edges.map((e) => e.node.id));
      if (!p!.pageInfo.hasNextPage) break;
      after = p!.pageInfo.endCursor;
    }
    const listed = await many.ok<{ _entities: { cards: { id: string }[] }[] }>(
      `query($id: ID!) { _entities(representations: [{ __typename: "User", id: $id }]) {
        ... on User { cards { id } } } }`,
      { id: many.userId },
    );
    expect(seen).toHaveLength(40);
    expect(seen).toEqual(listed._entities[0]!.cards.map((c) => c.id));
  });

  it('refuses a forged cursor as bad input', async () => {
    const ana = t.as();
    await ana.card();
    const forged = encodeCursor('cards', ['yesterday', 'not-an-id']);
    const result = await ana.request(PAGE, { id: ana.userId, after: forged });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    const other = encodeCursor('invoices', ['2026-03', ana.userId]);
    expect(errorCode(await ana.request(PAGE, { id: ana.userId, after: other }))).toBe(
      'BAD_USER_INPUT',
    );
  });
});

const QUERY_PAGE = `query($first: Int, $after: String, $includeArchived: Boolean) {
  cardConnection(first: $first, after: $after, includeArchived: $includeArchived) {
    edges { cursor node { id name archived } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

describe('Query.cardConnection', () => {
  let t: TestCards;

  beforeAll(async () => {
    t = await startCardsForTest('cards_query_connection');
  });
  afterAll(async () => {
    await t?.stop();
  });

  const queryPage = async (api: Api, variables: Record<string, unknown>) =>
    (await api.ok<{ cardConnection: CardPage }>(QUERY_PAGE, variables)).cardConnection;

  it('pages the caller’s cards like User.cardConnection; the deprecated list still answers', async () => {
    const ana = t.as();
    const bob = t.as();
    for (const [time, name] of [
      ['15:00:02', 'B'],
      ['15:00:01', 'A'],
      ['15:00:03', 'C'],
    ] as const) {
      t.clock.set(`2026-03-05T${time}Z`);
      await ana.card({ name });
    }
    await bob.card({ name: 'Bob' });

    const first = await queryPage(ana, { first: 2 });
    expect(names(first)).toEqual(['A', 'B']);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = await queryPage(ana, { first: 2, after: first.pageInfo.endCursor });
    expect(names(second)).toEqual(['C']);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect(await page(ana, { first: 2 })).toEqual(first);

    // Bob, even from Ana's cursor (a position, created before his card), sees only his own.
    expect(names(await queryPage(bob, { after: first.pageInfo.endCursor }))).toEqual(['Bob']);
    expect(names(await queryPage(bob, {}))).toEqual(['Bob']);

    const listed = await ana.ok<{ cards: { name: string }[] }>('{ cards { name } }');
    expect(listed.cards.map((c) => c.name)).toEqual(['A', 'B', 'C']);
  });
});
