import { openDatabase, type Orm } from '@saldo/kit';
import {
  createTestDatabase,
  expectEntitiesMatchSchema,
  TEST_SERVER_URL,
  type TestDatabase,
} from '@saldo/kit/testing';
import { migrations } from '../migrations';
import { entities } from '../src/entities';

// PostgreSQL prints a check on a bare boolean column as `CHECK (singleton)`; MikroORM 6.6
// parses only `CHECK ((...))`, so it always sees this one check as changed (drop + add).
const KNOWN = [
  {
    statement:
      /^alter table "projection_state" (drop|add) constraint projection_state_singleton_check/,
    reason: 'MikroORM cannot read back a check without inner parentheses',
  },
];

describe('consolidation entities', () => {
  let db: TestDatabase;
  let orm: Orm;

  beforeAll(async () => {
    db = await createTestDatabase('consolidation_entities');
    orm = await openDatabase({
      serverUrl: TEST_SERVER_URL,
      database: db.name,
      entities,
      migrations,
    });
  });

  afterAll(async () => {
    await orm?.close();
    await db?.drop();
  });

  it('match the schema the committed migrations build', async () => {
    await expectEntitiesMatchSchema(orm, { wildcardSchemas: ['proj_1'], known: KNOWN });
  });
});
