import type { EntityManager } from '@saldo/kit';
import { sql, sqlOne } from '../common/sql';

const GENERATION = /^proj_(\d+)$/;

/** Guards every schema name that is interpolated into SQL. */
export function checkSchema(schema: string): string {
  if (!GENERATION.test(schema)) throw new Error(`Not a projection schema: ${schema}`);
  return schema;
}

export function generationNumber(schema: string): number {
  return Number(GENERATION.exec(checkSchema(schema))![1]);
}

/** The generation serving reads now (no lock: a read may use the previous one during a switch). */
export async function activeSchema(em: EntityManager): Promise<string> {
  const row = await sqlOne<{ active_schema: string }>(
    em,
    'select active_schema from projection_state',
  );
  return checkSchema(row!.active_schema);
}

// Advisory lock (4003, 3): shared by event writers, exclusive for a close.
const WRITERS = 'select pg_advisory_xact_lock_shared(4003, 3)';
const CLOSE = 'select pg_advisory_xact_lock(4003, 3)';

/**
 * Starts a writer's transaction and returns the generation to apply events to.
 * Writers run side by side (shared lock, pointer FOR SHARE); a close (exclusive
 * lock) and a rebuild's switch (pointer FOR UPDATE) wait for them and hold new
 * ones back, so they see every batch either entirely or not at all.
 */
export async function beginWrite(em: EntityManager): Promise<string> {
  const row = await sqlOne<{ active_schema: string }>(
    em,
    `select active_schema, (select count(*) from (${WRITERS}) w) as writers
       from projection_state for share`,
  );
  return checkSchema(row!.active_schema);
}

/** For the rest of the transaction no ledger batch runs (the daily close, an erasure). */
export async function excludeWriters(em: EntityManager): Promise<void> {
  await sql(em, CLOSE);
}

/** Every generation present: the active one, the previous one, one being rebuilt. */
export async function generationSchemas(em: EntityManager): Promise<string[]> {
  const rows = await sql<{ nspname: string }>(
    em,
    `select nspname from pg_namespace where nspname ~ '^proj_[0-9]+$' order by nspname`,
  );
  return rows.map((r) => r.nspname);
}
