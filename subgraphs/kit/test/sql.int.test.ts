import { openDatabase, queryRow, type Orm } from '../src';
import { createTestDatabase, TEST_SERVER_URL, type TestDatabase } from '../src/testing';

describe('sql() bind parameters', () => {
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
    const row = await queryRow<{
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
    const row = await queryRow<{ none: number; ids: string[] }>(
      orm.em.fork(),
      'select coalesce(cardinality(?::uuid[]), 0) as none, ?::uuid[]::text[] as ids',
      [[], [id, id.toUpperCase()]],
    );
    expect(row).toEqual({ none: 0, ids: [id, id] });
  });
});
