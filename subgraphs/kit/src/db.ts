import {
  MikroORM,
  ReflectMetadataProvider,
  type AnyEntity,
  type EntityClass,
  type MigrationObject,
} from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { kitMigrations } from '../migrations';
import type { Logger } from './logger';

export type Orm = MikroORM<PostgreSqlDriver>;
export type { EntityManager } from '@mikro-orm/postgresql';

/** `postgres://u@h:5432/x` with the database name swapped. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

const SAFE_DB_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Creates the database if it is missing; safe when several processes race to do it. */
export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  if (!SAFE_DB_NAME.test(database)) throw new Error(`Unsafe database name: ${database}`);
  const client = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`create database "${database}"`).catch((error: { code?: string }) => {
        // 42P04 duplicate_database, 23505: another process created it first.
        if (error.code !== '42P04' && error.code !== '23505') throw error;
      });
    }
  } finally {
    await client.end();
  }
}

export interface OrmOptions {
  /** Full connection URL of the server; the database name in it is replaced by `database`. */
  serverUrl: string;
  database: string;
  entities: EntityClass<AnyEntity>[];
  migrations: MigrationObject[];
  poolMax?: number;
  log?: Logger;
  debug?: boolean;
}

/**
 * Opens the subgraph's own database: created if missing, then the kit's and the
 * subgraph's committed migrations applied, under an advisory lock so that replicas
 * starting together migrate once.
 */
export async function openDatabase(options: OrmOptions): Promise<Orm> {
  await ensureDatabase(options.serverUrl, options.database);
  const clientUrl = withDatabase(options.serverUrl, options.database);
  const orm = await MikroORM.init<PostgreSqlDriver>({
    driver: PostgreSqlDriver,
    clientUrl,
    entities: options.entities,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    discovery: { warnWhenNoEntities: false },
    pool: { min: 0, max: options.poolMax ?? 10 },
    forceUtcTimezone: true,
    allowGlobalContext: false,
    debug: options.debug ?? false,
    logger: (message) => options.log?.debug({ orm: message }, 'orm'),
    migrations: {
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
      migrationsList: [...kitMigrations, ...options.migrations],
    },
  });
  try {
    await migrateLocked(orm, clientUrl);
  } catch (error) {
    await orm.close(true);
    throw error;
  }
  return orm;
}

async function migrateLocked(orm: Orm, clientUrl: string): Promise<void> {
  const lock = new Client({ connectionString: clientUrl });
  await lock.connect();
  try {
    // Any fixed 64-bit key; held only while migrating.
    await lock.query('select pg_advisory_lock(7432011)');
    await orm.getMigrator().up();
  } finally {
    await lock.query('select pg_advisory_unlock(7432011)').catch(() => undefined);
    await lock.end();
  }
}

/** Liveness of the database for `/ready`. */
export async function pingDatabase(orm: Orm): Promise<boolean> {
  try {
    await orm.em.getConnection().execute('select 1');
    return true;
  } catch {
    return false;
  }
}

export interface PoolStats {
  used: number;
  free: number;
  pending: number;
}

interface TarnCounters {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}

const isTarnPool = (pool: unknown): pool is TarnCounters =>
  typeof pool === 'object' &&
  pool !== null &&
  ['numUsed', 'numFree', 'numPendingAcquires'].every(
    (m) => typeof (pool as Record<string, unknown>)[m] === 'function',
  );

/**
 * The connection pool's counters for `/metrics`, or null when they cannot be read.
 * Neither MikroORM nor knex exposes pool statistics publicly; knex keeps its pool (a
 * tarn.js `Pool`, whose `numUsed`/`numFree`/`numPendingAcquires` are tarn's documented
 * API) at `client.pool`, knex-internal. That one access is confined here and checked for
 * shape, so a knex change costs the gauge, never a scrape.
 */
export function poolStats(orm: Orm): PoolStats | null {
  const client: unknown = orm.em.getConnection().getKnex().client;
  const pool =
    typeof client === 'object' && client !== null ? (client as { pool?: unknown }).pool : undefined;
  if (!isTarnPool(pool)) return null;
  return { used: pool.numUsed(), free: pool.numFree(), pending: pool.numPendingAcquires() };
}
