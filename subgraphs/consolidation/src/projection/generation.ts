import { query, queryOne } from '@saldo/kit';
import type { EntityManager } from '@saldo/kit';

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
  const row = await queryOne<{ active_schema: string }>(
    em,
    'select active_schema from projection_state',
  );
  return checkSchema(row!.active_schema);
}

// Advisory lock (4003, 3): shared by event writers, exclusive for a close.
const WRITERS = 'select pg_advisory_xact_lock_shared(4003, 3)';
const CLOSE = 'select pg_advisory_xact_lock(4003, 3)';

/** Advisory lock keys (4003, k) for entry ids, sorted: every writer locks in one order. */
export function entryLockKeys(ids: readonly string[]): number[] {
  return [...new Set(ids.map((id) => Number.parseInt(id.slice(-8), 16) | 0))].sort((a, b) => a - b);
}

/**
 * Starts a writer's transaction and returns the generation to apply events to.
 * Writers run side by side (shared lock, pointer FOR SHARE); a close (exclusive
 * lock) and a rebuild's switch (pointer FOR UPDATE) wait for them and hold new
 * ones back, so they see every batch either entirely or not at all. Writers of the
 * same entries (replicas, concurrent batches) take turns on the entries' locks.
 * What is read under these locks must be read by a later statement: this one's
 * snapshot predates its waits.
 */
export async function beginWrite(em: EntityManager, entryIds: readonly string[]): Promise<string> {
  const row = await queryOne<{ active_schema: string }>(
    em,
    `select active_schema, (select count(*) from (${WRITERS}) w) as writers,
            (select count(*) from (select pg_advisory_xact_lock(4003, k)
                                     from unnest(?::int[]) as k) l) as locked
       from projection_state for share`,
    [entryLockKeys(entryIds)],
  );
  return checkSchema(row!.active_schema);
}

/** For the rest of the transaction no ledger batch runs (the daily close, an erasure). */
export async function excludeWriters(em: EntityManager): Promise<void> {
  await query(em, CLOSE);
}

/** Every generation present: the active one, the previous one, one being rebuilt. */
export async function generationSchemas(em: EntityManager): Promise<string[]> {
  const rows = await query<{ nspname: string }>(
    em,
    `select nspname from pg_namespace where nspname ~ '^proj_[0-9]+$' order by nspname`,
  );
  return rows.map((r) => r.nspname);
}
