import type { EntityManager, Knex } from '@mikro-orm/postgresql';

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

const NEEDS_ESCAPE = /["\\]/;

/**
 * Bigints as decimal text; flat arrays of strings, numbers, bigints and booleans as
 * one array literal, built in one pass (cheaper than the driver's element-by-element
 * escaping, which showed up in consumer profiles). Anything else is left to the driver.
 */
function toParam(value: unknown): unknown {
  // undefined binds as NULL, as the driver does (knex alone would refuse it).
  if (value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (!Array.isArray(value)) return value;
  let literal = '{';
  for (let i = 0; i < value.length; i += 1) {
    const v: unknown = value[i];
    if (i > 0) literal += ',';
    if (typeof v === 'string')
      literal += NEEDS_ESCAPE.test(v) ? `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"` : `"${v}"`;
    else if (v === null || v === undefined) literal += 'NULL';
    else if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean')
      literal += String(v);
    else return value; // nested arrays, dates, objects: the driver's own conversion
  }
  return `${literal}}`;
}

type SqlScalar = string | number | boolean | null | bigint | Date;

/** A bind parameter for a `?` placeholder; bigints travel as decimal strings, arrays as arrays. */
export type SqlValue = SqlScalar | readonly SqlScalar[];

const numbered = new Map<string, string>();

/**
 * `?` placeholders to PostgreSQL's `$1, $2, ...`; `array[?]` (one array parameter) becomes
 * `$n`, bound as a PostgreSQL array. Memoised: the texts are a fixed set, so the rewrite runs
 * once per text, not once per call.
 */
function toNumbered(text: string): string {
  let out = numbered.get(text);
  if (out === undefined) {
    let n = 0;
    out = text.replace(/array\[\?\]|\?/g, () => `$${(n += 1)}`);
    if (numbered.size > 5000) numbered.clear();
    numbered.set(text, out);
  }
  return out;
}

/** What knex's `Client.query` resolves to with the pg dialect: the query object plus pg's result. */
interface ClientQueryResult<T> {
  response: { rows: T[] };
}

/**
 * The one way to run hand-written SQL in a subgraph: `query(em, 'select ... where id = ?', [id])`.
 *
 * Built on public, typed API only: MikroORM's `em.getConnection().getKnex()` and
 * `em.getTransactionContext()` hand over the knex instance (or the open transaction), and knex's
 * declared `Knex.Client` methods `acquireConnection`, `query(connection, { sql, bindings,
 * options })` and `releaseConnection` run it. Inside `em.transactional` it joins the transaction
 * (a transaction's client hands out its own connection); outside it borrows a pooled connection.
 * This skips knex's per-call builder, runner and placeholder compilation (the `raw()` path cost
 * ~40 µs of CPU per statement, measured), while knex still emits its `query` event (statement
 * counts in tests see every statement). Unlike `em.execute`, which inlines every value into the
 * text, values travel as bind parameters, and each distinct text is a named prepared statement
 * (pg's `name` option), so PostgreSQL skips parsing (and, once it settles on a generic plan,
 * planning) on hot paths.
 *
 * Placeholders are `?`; `array[?]` binds one array parameter as a PostgreSQL array (as does
 * `?::uuid[]`); bigints travel as decimal text; `undefined` as NULL. Do not write a `?` in SQL
 * for anything else (e.g. the jsonb `?` operator: use `jsonb_exists`). Errors come back
 * converted like MikroORM's (`UniqueConstraintViolationException`, ...).
 */
export async function query<T = Record<string, unknown>>(
  em: EntityManager,
  text: string,
  params: readonly SqlValue[] = [],
): Promise<T[]> {
  const sqlText = toNumbered(text);
  const owner = em.getTransactionContext<Knex.Transaction>() ?? em.getConnection().getKnex();
  // `Knex` types its `client` as `any`; the instance is a `Knex.Client`, whose methods are declared.
  const client: Knex.Client = owner.client as Knex.Client;
  const connection: unknown = await client.acquireConnection();
  try {
    const result = (await client.query(connection, {
      sql: sqlText,
      bindings: params.map(toParam),
      options: { name: statementName(sqlText) },
    })) as ClientQueryResult<T>;
    return result.response.rows;
  } catch (error) {
    throw em.getDriver().convertException(error as Error);
  } finally {
    // A transaction's client releases nothing: the transaction keeps its connection.
    await client.releaseConnection(connection);
  }
}

/** The first row of `query`, or undefined. */
export async function queryOne<T = Record<string, unknown>>(
  em: EntityManager,
  text: string,
  params: readonly SqlValue[] = [],
): Promise<T | undefined> {
  return (await query<T>(em, text, params))[0];
}

/** `(?, ?, ?), (?, ?, ?)` for a multi-row VALUES list with per-column casts. */
export function valuesList(rows: number, columns: readonly string[]): string {
  const row = `(${columns.join(', ')})`;
  return Array.from({ length: rows }, () => row).join(', ');
}

/** The PostgreSQL error code and constraint behind a driver error, if any. */
export function pgError(error: unknown): { code?: string; constraint?: string } {
  if (typeof error !== 'object' || error === null) return {};
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return {
    code: typeof code === 'string' ? code : undefined,
    constraint: typeof constraint === 'string' ? constraint : undefined,
  };
}

/** Escapes `%`, `_` and `\` for a LIKE pattern matching the text anywhere. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `timestamptz` arrives as PostgreSQL text (MikroORM's type parser); V8 parses it. */
export function toDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

/** int8 values and sums arrive as strings (or null over no rows). */
export function toMinor(value: unknown): bigint {
  if (value === null || value === undefined) return 0n;
  return BigInt(value as string | number);
}
