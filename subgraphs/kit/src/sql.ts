import type { EntityManager } from '@mikro-orm/postgresql';

interface PgConnection {
  query(config: {
    name?: string;
    text: string;
    values?: unknown[];
  }): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

interface PooledClient {
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(connection: PgConnection): Promise<unknown>;
}

/** 64-bit FNV-1a of the text: a stable prepared-statement name per distinct SQL text. */
function statementName(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x811c9dc5);
  }
  return `s${(h1 >>> 0).toString(36)}${(h2 >>> 0).toString(36)}${text.length.toString(36)}`;
}

const toParam = (value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

/**
 * Runs parameterised SQL (`$1`, `$2`, ...) on the EntityManager's connection: inside
 * `em.transactional` it joins the transaction, outside it borrows a pooled connection.
 * Unlike `em.execute`, which inlines every value into the text, values travel as
 * bind parameters and each distinct text is prepared once per connection, so
 * PostgreSQL skips parsing (and, once it settles on a generic plan, planning) on
 * hot paths. Arrays bind as PostgreSQL arrays (`$1::uuid[]`); bigints as text.
 * Errors come back converted like MikroORM's (`UniqueConstraintViolationException`, ...).
 */
export async function sql<T = Record<string, unknown>>(
  em: EntityManager,
  text: string,
  values: readonly unknown[] = [],
): Promise<T[]> {
  const transaction = em.getTransactionContext<{ client: PooledClient }>();
  // knex types its client as `any`; this is the part of it used here.
  const knex: { client: PooledClient } = em.getConnection().getKnex();
  const client = (transaction ?? knex).client;
  const connection = await client.acquireConnection();
  try {
    const result = await connection.query({
      name: statementName(text),
      text,
      values: values.map(toParam),
    });
    return result.rows as T[];
  } catch (error) {
    throw em.getDriver().convertException(error as Error);
  } finally {
    if (!transaction) await client.releaseConnection(connection);
  }
}

/** `($1, $2, $3), ($4, $5, $6)`: placeholders for a multi-row VALUES list. */
export function valuesPlaceholders(rows: number, columns: readonly string[], offset = 0): string {
  const out: string[] = [];
  let n = offset;
  for (let r = 0; r < rows; r += 1) {
    out.push(`(${columns.map((cast) => `$${(n += 1)}${cast}`).join(', ')})`);
  }
  return out.join(', ');
}
