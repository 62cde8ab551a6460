import { openDatabase, type Orm } from '@saldo/kit';
import {
  createTestDatabase,
  expectEntitiesMatchSchema,
  TEST_SERVER_URL,
  type TestDatabase,
} from '@saldo/kit/testing';
import { migrations } from '../migrations';
import { entities } from '../src/entities';

describe('billing entities', () => {
  let db: TestDatabase;
  let orm: Orm;

  beforeAll(async () => {
    db = await createTestDatabase('billing_entities');
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
    await expectEntitiesMatchSchema(orm);
  });
});
