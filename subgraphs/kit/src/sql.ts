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

const normalised = new Map<string, string>();

/**
 * `array[?]` (one array parameter) becomes `?`, bound as a PostgreSQL array. Memoised:
 * the texts are a fixed set.
 */
function normalise(text: string): string {
  let out = normalised.get(text);
  if (out === undefined) {
    out = text.replace(/array\[\?\]/g, '?');
    if (normalised.size > 5000) normalised.clear();
    normalised.set(text, out);
  }
  return out;
}

/**
 * The one way to run hand-written SQL in a subgraph: `query(em, 'select ... where id = ?', [id])`.
 *
 * Built only on public API: MikroORM's `em.getConnection().getKnex()` and
 * `em.getTransactionContext()` hand over the knex instance (or the open transaction), and
 * knex's `raw(text, bindings).options({ name })` runs it. Inside `em.transactional` it joins
 * the transaction; outside it borrows a pooled connection. Unlike `em.execute`, which inlines
 * every value into the text, values travel as bind parameters, and each distinct text is a
 * named prepared statement (pg's `name` option, passed through by knex), so PostgreSQL skips
 * parsing (and, once it settles on a generic plan, planning) on hot paths.
 *
 * Placeholders are `?` (knex's); `array[?]` binds one array parameter as a PostgreSQL array
 * (as does `?::uuid[]`); bigints travel as decimal text. Do not write a `?` in SQL for
 * anything else (e.g. the jsonb `?` operator: use `jsonb_exists`), nor `??`. Errors come back
 * converted like MikroORM's (`UniqueConstraintViolationException`, ...).
 */
export async function query<T = Record<string, unknown>>(
  em: EntityManager,
  text: string,
  params: readonly SqlValue[] = [],
): Promise<T[]> {
  const sqlText = normalise(text);
  const runner = em.getTransactionContext<Knex.Transaction>() ?? em.getConnection().getKnex();
  try {
    // knex types a raw result as `any`; with pg it is the driver's result.
    const result = (await runner
      .raw(sqlText, params.map(toParam) as Knex.RawBinding[])
      .options({ name: statementName(sqlText) })) as { rows: T[] };
    return result.rows;
  } catch (error) {
    throw em.getDriver().convertException(error as Error);
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
