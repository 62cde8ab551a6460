import { decodeCursor, encodeCursor, MAX_PAGE_SIZE, paginate, pageSize } from './connections';

describe('connections', () => {
  it('round-trips cursors and refuses one from another ordering', () => {
    const cursor = encodeCursor('date_desc', ['2026-01-01', 'abc']);
    expect(decodeCursor('date_desc', cursor)).toEqual(['2026-01-01', 'abc']);
    expect(() => decodeCursor('amount_desc', cursor)).toThrow('Invalid cursor');
    expect(() => decodeCursor('date_desc', 'not-a-cursor!')).toThrow('Invalid cursor');
  });

  it('caps page size and rejects negatives', () => {
    expect(pageSize(undefined)).toBe(50);
    expect(pageSize(10_000)).toBe(MAX_PAGE_SIZE);
    expect(() => pageSize(-1)).toThrow('`first`');
  });

  it('pages through rows with a stable key', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => ({ id: i }));
    const fetch = async ({ limit, after }: { limit: number; after: readonly unknown[] | null }) =>
      rows.filter((r) => after === null || r.id > (after[0] as number)).slice(0, limit);
    const seen: number[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const connection: Awaited<ReturnType<typeof paginate<{ id: number }>>> = await paginate(
        { first: 3, after },
        'id',
        (r) => [r.id],
        fetch,
      );
      seen.push(...connection.edges.map((e) => e.node.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});
