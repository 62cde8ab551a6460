import {
  Check,
  Entity,
  Enum,
  Index,
  PrimaryKey,
  Property,
  type AnyEntity,
  type EntityClass,
} from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { openDatabase, type Orm } from '../src';
import {
  createTestDatabase,
  entitySchemaDrift,
  expectEntitiesMatchSchema,
  TEST_SERVER_URL,
  type TestDatabase,
} from '../src/testing';

class Widgets extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table widgets (
        id uuid primary key,
        kind text not null check (kind in ('A', 'B')),
        amount bigint not null default 0 check (amount >= 0),
        archived_at timestamptz
      )`);
    this.addSql('create index widgets_live on widgets (kind, id) where archived_at is null');
    this.addSql('create schema gen_1');
    this.addSql('create table gen_1.parts (id uuid primary key, size int not null)');
  }
}
const migrations = [{ name: 'test-widgets', class: Widgets }];

const LIVE = 'create index widgets_live on widgets (kind, id) where archived_at is null';

@Entity({ tableName: 'widgets', schema: 'public' })
@Check({ name: 'widgets_amount_check', expression: 'amount >= 0' })
@Index({ name: 'widgets_live', expression: LIVE })
class Widget {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Enum({ items: ['A', 'B'] }) kind!: string;
  @Property({ type: 'bigint', default: 0 }) amount!: bigint;
  @Property({ type: 'datetime', nullable: true }) archivedAt!: Date | null;
}

@Entity({ tableName: 'parts', schema: '*' })
class Part {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'integer' }) size!: number;
}

@Entity({ tableName: 'widgets', schema: 'public' })
@Check({ name: 'widgets_amount_check', expression: 'amount >= 0' })
@Index({ name: 'widgets_live', expression: LIVE })
class WidgetIntAmount {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Enum({ items: ['A', 'B'] }) kind!: string;
  @Property({ type: 'integer', default: 0 }) amount!: number;
  @Property({ type: 'datetime', nullable: true }) archivedAt!: Date | null;
}

@Entity({ tableName: 'widgets', schema: 'public' })
@Check({ name: 'widgets_amount_check', expression: 'amount >= 0' })
@Index({
  name: 'widgets_live',
  expression: 'create index widgets_live on widgets (kind, id) where archived_at is not null',
})
class WidgetOtherPredicate {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Enum({ items: ['A', 'B'] }) kind!: string;
  @Property({ type: 'bigint', default: 0 }) amount!: bigint;
  @Property({ type: 'datetime', nullable: true }) archivedAt!: Date | null;
}

@Entity({ tableName: 'widgets', schema: 'public' })
@Check({ name: 'widgets_amount_check', expression: 'amount >= 0' })
@Index({ name: 'widgets_live', properties: ['kind', 'id'] })
class WidgetPlainIndex {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Enum({ items: ['A', 'B'] }) kind!: string;
  @Property({ type: 'bigint', default: 0 }) amount!: bigint;
  @Property({ type: 'datetime', nullable: true }) archivedAt!: Date | null;
}

@Entity({ tableName: 'parts', schema: '*' })
class PartBigSize {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'bigint' }) size!: bigint;
}

describe('entitySchemaDrift', () => {
  let db: TestDatabase;
  const opened: Orm[] = [];

  async function orm(entities: EntityClass<AnyEntity>[]): Promise<Orm> {
    const o = await openDatabase({
      serverUrl: TEST_SERVER_URL,
      database: db.name,
      entities,
      migrations,
    });
    opened.push(o);
    return o;
  }

  beforeAll(async () => {
    db = await createTestDatabase('kit_entity_schema');
  });

  afterAll(async () => {
    for (const o of opened) await o.close();
    await db?.drop();
  });

  it('finds nothing when the entities describe the migrated tables', async () => {
    await expect(
      expectEntitiesMatchSchema(await orm([Widget, Part]), { wildcardSchemas: ['gen_1'] }),
    ).resolves.toBeUndefined();
  });

  it('reports a column whose type differs', async () => {
    const drift = await entitySchemaDrift(await orm([WidgetIntAmount, Part]), {
      wildcardSchemas: ['gen_1'],
    });
    expect(drift.statements).toEqual([expect.stringMatching(/alter column "amount" type int/)]);
  });

  it('reports a table without an entity', async () => {
    const drift = await entitySchemaDrift(await orm([Part]), { wildcardSchemas: ['gen_1'] });
    expect(drift.statements).toEqual([expect.stringMatching(/drop table if exists "widgets"/)]);
  });

  it('reports a wildcard table that differs in its schema', async () => {
    const drift = await entitySchemaDrift(await orm([Widget, PartBigSize]), {
      wildcardSchemas: ['gen_1'],
    });
    expect(drift.statements).toEqual([expect.stringMatching(/^\[gen_1\] .*"size" type bigint/)]);
  });

  it('compares the full definition of an index declared by expression', async () => {
    const drift = await entitySchemaDrift(await orm([WidgetOtherPredicate, Part]), {
      wildcardSchemas: ['gen_1'],
    });
    expect(drift.statements).toEqual([]);
    expect(drift.indexes).toEqual([
      expect.stringMatching(/^public\.widgets_live: declared .*IS NOT NULL/),
    ]);
  });

  it('asks for an expression where a column list cannot say what the index is', async () => {
    const drift = await entitySchemaDrift(await orm([WidgetPlainIndex, Part]), {
      wildcardSchemas: ['gen_1'],
    });
    expect(drift.indexes).toEqual(['public.widgets_live needs an expression']);
  });

  it('excuses only the listed differences and reports stale ones', async () => {
    const o = await orm([WidgetIntAmount, Part]);
    const known = [
      { statement: /alter column "amount" type int/, reason: 'test' },
      { statement: /never seen/, reason: 'stale' },
    ];
    const drift = await entitySchemaDrift(o, { wildcardSchemas: ['gen_1'], known });
    expect(drift.statements).toEqual([]);
    expect(drift.unusedKnown).toEqual([known[1]]);
    await expect(
      expectEntitiesMatchSchema(o, { wildcardSchemas: ['gen_1'], known }),
    ).rejects.toThrow(/no longer seen: \/never seen\//);
  });
});
