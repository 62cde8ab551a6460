import { query } from '@saldo/kit';
import type { EntityManager } from '@saldo/kit';
import { projectionTables } from '../../migrations/projection-tables';
import { activeSchema, generationNumber, generationSchemas } from '../projection/generation';

/**
 * Makes the next generation's empty tables, after dropping every generation but the
 * active one (the previous generation is kept until the next rebuild, for a look back).
 */
export async function prepareGeneration(em: EntityManager): Promise<string> {
  const active = await activeSchema(em);
  const all = await generationSchemas(em);
  for (const schema of all.filter((s) => s !== active))
    await query(em, `drop schema ${schema} cascade`);
  const next = `proj_${Math.max(...all.map(generationNumber)) + 1}`;
  for (const statement of projectionTables(next)) await query(em, statement);
  return next;
}

/** Drops a generation that will not be used (a failed rebuild's). */
export async function dropGeneration(em: EntityManager, schema: string): Promise<void> {
  const active = await activeSchema(em);
  if (schema !== active) await query(em, `drop schema if exists ${schema} cascade`);
}
