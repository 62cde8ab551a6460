import { DatabaseSchema, type EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from '../db';

/**
 * Tables of the kit in every subgraph's database (kit migrations, kit SQL): not the
 * subgraph's entities, so the subgraph's comparison leaves them out.
 */
export const KIT_TABLES = ['kit_outbox', 'kit_inbox'] as const;

/** A difference the comparison is told to expect, with the reason it cannot be expressed. */
export interface KnownSchemaDifference {
  /** Matches one statement of MikroORM's update SQL. */
  statement: RegExp;
  reason: string;
}

export interface EntitySchemaOptions {
  /**
   * PostgreSQL schemas holding one copy of the tables of the wildcard entities
   * (`@Entity({ schema: '*' })`), e.g. consolidation's projection generations.
   */
  wildcardSchemas?: string[];
  /** Each expected difference names the statement it excuses and why. */
  known?: KnownSchemaDifference[];
}

export interface EntitySchemaDrift {
  /** MikroORM's update SQL against the migrated database, minus the known differences. */
  statements: string[];
  /** Known differences that matched nothing: stale entries of the list. */
  unusedKnown: KnownSchemaDifference[];
  /** Indexes whose full definition (method, order, predicate, NULLS) differs. */
  indexes: string[];
}

/**
 * How far the ORM's entity metadata is from the real schema the committed migrations
 * built: MikroORM's `getUpdateSchemaSQL()` once for the default schema and once per
 * wildcard schema, the kit's tables left out. MikroORM compares an index declared with
 * an `expression` by name only, so each such index is also created from its declared SQL
 * inside a rolled-back transaction and its `pg_get_indexdef` compared with the migrated one;
 * an index MikroORM cannot see fully (DESC, a predicate, NULLS NOT DISTINCT, an expression)
 * that is declared without `expression` is reported too.
 */
export async function entitySchemaDrift(
  orm: Orm,
  options: EntitySchemaOptions = {},
): Promise<EntitySchemaDrift> {
  const known = options.known ?? [];
  requireFixedSchemas(orm, options.wildcardSchemas ?? []);
  const used = new Set<KnownSchemaDifference>();
  const statements: string[] = [];
  for (const schema of [undefined, ...(options.wildcardSchemas ?? [])]) {
    for (const statement of await updateStatements(orm, schema)) {
      const excuse = known.find((k) => k.statement.test(statement));
      if (excuse) used.add(excuse);
      else statements.push(schema ? `[${schema}] ${statement}` : statement);
    }
  }
  return {
    statements,
    unusedKnown: known.filter((k) => !used.has(k)),
    indexes: await indexDrift(orm, options.wildcardSchemas ?? []),
  };
}

/** Throws, listing every difference, unless the entities match the migrated schema. */
export async function expectEntitiesMatchSchema(
  orm: Orm,
  options: EntitySchemaOptions = {},
): Promise<void> {
  const drift = await entitySchemaDrift(orm, options);
  const problems = [
    ...drift.statements.map((s) => `update SQL: ${s}`),
    ...drift.indexes.map((s) => `index: ${s}`),
    ...drift.unusedKnown.map((k) => `known difference no longer seen: ${String(k.statement)}`),
  ];
  if (problems.length > 0) {
    throw new Error(`Entities differ from the migrated schema:\n${problems.join('\n')}`);
  }
}

/**
 * Compared per wildcard schema, an entity without a schema would be looked for in that
 * schema: beside wildcard entities, the fixed ones name theirs (`schema: 'public'`).
 */
function requireFixedSchemas(orm: Orm, wildcardSchemas: string[]): void {
  if (wildcardSchemas.length === 0) return;
  const unnamed = Object.values(orm.getMetadata().getAll())
    .filter((meta) => !meta.embeddable && !meta.virtual && meta.schema === undefined)
    .map((meta) => meta.className);
  if (unnamed.length > 0) {
    throw new Error(`Beside wildcard entities, give these a schema: ${unnamed.join(', ')}`);
  }
}

async function updateStatements(orm: Orm, schema: string | undefined): Promise<string[]> {
  const em = orm.em.fork();
  const fromSchema = await DatabaseSchema.create(
    em.getConnection(),
    em.getPlatform(),
    orm.config,
    schema,
    undefined,
    undefined,
    [...KIT_TABLES],
  );
  const sql = await orm.schema.getUpdateSchemaSQL({ fromSchema, schema, wrap: false });
  return sql
    .split(/;\s*\n/)
    .map((s) => s.trim().replace(/;$/, ''))
    .filter((s) => s.length > 0);
}

interface DeclaredIndex {
  name: string;
  table: string;
  expression: string | undefined;
  schemas: string[];
}

function declaredIndexes(orm: Orm, wildcardSchemas: string[]): DeclaredIndex[] {
  const out: DeclaredIndex[] = [];
  for (const meta of Object.values(orm.getMetadata().getAll())) {
    if (meta.embeddable || meta.virtual || !meta.tableName) continue;
    const schemas = meta.schema === '*' ? wildcardSchemas : [meta.schema ?? 'public'];
    for (const index of [...meta.indexes, ...meta.uniques]) {
      if (typeof index.name !== 'string') continue;
      const expression = typeof index.expression === 'string' ? index.expression : undefined;
      out.push({ name: index.name, table: meta.tableName, expression, schemas });
    }
  }
  return out;
}

// What MikroORM's column-wise index comparison does not see.
const OPAQUE = /\bDESC\b|\bWHERE\b|NULLS NOT DISTINCT|USING (?!btree)|\(.*\(/;

async function indexDrift(orm: Orm, wildcardSchemas: string[]): Promise<string[]> {
  const problems: string[] = [];
  const em = orm.em.fork();
  for (const index of declaredIndexes(orm, wildcardSchemas)) {
    for (const schema of index.schemas) {
      const actual = await indexDef(em, schema, index.name);
      if (actual === undefined) continue; // missing: the update SQL reports it
      if (index.expression === undefined) {
        if (OPAQUE.test(actual)) problems.push(`${schema}.${index.name} needs an expression`);
        continue;
      }
      const declared = await declaredDef(em, schema, index.name, index.expression);
      if (declared !== actual) {
        problems.push(`${schema}.${index.name}: declared ${declared}, migrated ${actual}`);
      }
    }
  }
  return problems;
}

async function indexDef(
  em: EntityManager,
  schema: string,
  name: string,
): Promise<string | undefined> {
  const rows = await em
    .getConnection()
    .execute<{ def: string }[]>(
      'select indexdef as def from pg_indexes where schemaname = ? and indexname = ?',
      [schema, name],
    );
  return rows[0]?.def;
}

/** Creates the declared index under a scratch name in a rolled-back transaction. */
async function declaredDef(
  em: EntityManager,
  schema: string,
  name: string,
  expression: string,
): Promise<string> {
  const scratch = `${name}_declared`.slice(0, 63);
  const ddl = expression.replace(new RegExp(`\\b${name}\\b`), scratch);
  let def = '';
  await em
    .transactional(async (tx) => {
      const connection = tx.getConnection();
      const ctx: unknown = tx.getTransactionContext();
      await connection.execute(`set local search_path to "${schema}"`, [], 'run', ctx);
      await connection.execute(ddl, [], 'run', ctx);
      const rows = await connection.execute<{ def: string }[]>(
        'select indexdef as def from pg_indexes where schemaname = ? and indexname = ?',
        [schema, scratch],
        'all',
        ctx,
      );
      def = (rows[0]?.def ?? '').replace(scratch, name);
      throw ROLLBACK;
    })
    .catch((error: unknown) => {
      if (error !== ROLLBACK) throw error;
    });
  return def;
}

const ROLLBACK = new Error('rollback');
