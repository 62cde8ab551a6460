import { openDatabase, query, queryOne, type Orm } from '../src';
import { createTestDatabase, TEST_SERVER_URL, type TestDatabase } from '../src/testing';

describe('query() bind parameters', () => {
  let db: TestDatabase;
  let orm: Orm;

  beforeAll(async () => {
    db = await createTestDatabase('kit_sql');
    orm = await openDatabase({
      serverUrl: TEST_SERVER_URL,
      database: db.name,
      entities: [],
      migrations: [],
    });
  });

  afterAll(async () => {
    await orm?.close();
    await db?.drop();
  });

  it('binds arrays of awkward strings, nulls, bigints and booleans exactly', async () => {
    const texts = [
      'a"b',
      'c\\d',
      '',
      'NULL',
      'null',
      'nuLL',
      'nulls',
      null,
      'x,y',
      '{z}',
      ' padded ',
      'ação',
      '"',
      'ledger.entry.created',
      '2026-03-01',
      '-12.50',
    ];
    const big = [9007199254740993n, -1n, 0n];
    const row = await queryOne<{
      texts: (string | null)[];
      n: number;
      big: string[];
      flags: boolean[];
    }>(
      orm.em.fork(),
      `select ?::text[] as texts, cardinality(?::text[]) as n, ?::bigint[]::text[] as big,
              ?::boolean[] as flags`,
      [texts, texts, big, [true, false]],
    );
    expect(row).toEqual({
      texts,
      n: texts.length,
      big: ['9007199254740993', '-1', '0'],
      flags: [true, false],
    });
  });

  it('binds an empty array and uuids', async () => {
    const id = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    const row = await queryOne<{ none: number; ids: string[] }>(
      orm.em.fork(),
      'select coalesce(cardinality(?::uuid[]), 0) as none, ?::uuid[]::text[] as ids',
      [[], [id, id.toUpperCase()]],
    );
    expect(row).toEqual({ none: 0, ids: [id, id] });
  });

  it('prepares each distinct text once per connection and joins the open transaction', async () => {
    const text = 'select ?::int + 1 as n /* prepared-probe */';
    const seen = await orm.em.fork().transactional(async (em) => {
      await query(em, 'create temporary table probe (n int) on commit drop');
      await query(em, 'insert into probe values (?)', [41]);
      const [first] = await query<{ n: number }>(em, text, [1]);
      const [second] = await query<{ n: number }>(em, text, [2]);
      // Same connection as the transaction: the temporary table is visible, and the
      // probe text is one named prepared statement there.
      const [inserted] = await query<{ n: number }>(em, 'select n from probe');
      const prepared = await query<{ name: string; statement: string }>(
        em,
        `select name, statement from pg_prepared_statements where statement like ?`,
        ['%prepared-probe%'],
      );
      return { first, second, inserted, prepared };
    });
    expect(seen.first).toEqual({ n: 2 });
    expect(seen.second).toEqual({ n: 3 });
    expect(seen.inserted).toEqual({ n: 41 });
    expect(seen.prepared).toHaveLength(1);
    expect(seen.prepared[0]!.name).toMatch(/^s[0-9a-z]+$/);
  });

  it('converts driver errors like MikroORM does', async () => {
    await expect(query(orm.em.fork(), 'select * from no_such_table')).rejects.toMatchObject({
      name: 'TableNotFoundException',
    });
  });

  it('binds undefined as NULL, alone and inside an array', async () => {
    const row = await queryOne<{ alone: boolean; inner: (string | null)[] }>(
      orm.em.fork(),
      'select ?::text is null as alone, ?::text[] as inner',
      [undefined as unknown as null, ['a', undefined as unknown as null]],
    );
    expect(row).toEqual({ alone: true, inner: ['a', null] });
  });
});
