import { sql, type EntityManager } from '@saldo/kit';

/** A bind parameter for a `?` placeholder; bigints travel as decimal strings. */
export type SqlValue = string | number | boolean | null | bigint | readonly string[];

type Row = Record<string, unknown>;

const numbered = new Map<string, string>();

/**
 * `?` placeholders to PostgreSQL's `$1, $2, ...`; `array[?]` (an array parameter)
 * becomes `$n` bound as a PostgreSQL array. Memoised: the texts are a fixed set.
 */
export function toNumbered(text: string): string {
  let out = numbered.get(text);
  if (out === undefined) {
    let n = 0;
    out = text.replace(/array\[\?\]|\?/g, () => `$${(n += 1)}`);
    if (numbered.size > 5000) numbered.clear();
    numbered.set(text, out);
  }
  return out;
}

/**
 * Runs raw SQL on the request's or transaction's EntityManager through the kit's
 * `sql` (bind parameters, prepared once per connection). Write `?` for a value and
 * `array[?]::uuid[]` for an array value.
 */
export async function query<T extends Row>(
  em: EntityManager,
  text: string,
  params: readonly SqlValue[] = [],
): Promise<T[]> {
  return sql<T>(em, toNumbered(text), params);
}

export async function queryOne<T extends Row>(
  em: EntityManager,
  text: string,
  params: readonly SqlValue[] = [],
): Promise<T | undefined> {
  const rows = await query<T>(em, text, params);
  return rows[0];
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

/** Escapes `%`, `_` and `\` for a LIKE pattern. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `timestamptz` arrives as PostgreSQL text (MikroORM's type parser); V8 parses it. */
export function toDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(value);
}
