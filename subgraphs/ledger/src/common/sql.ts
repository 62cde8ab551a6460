import type { EntityManager } from '@saldo/kit';

/** A value MikroORM inlines for a `?` placeholder; bigints travel as decimal strings. */
export type SqlValue = string | number | boolean | null | bigint | readonly string[];

type Row = Record<string, unknown>;

/**
 * Runs raw SQL on the request's or transaction's EntityManager. Values are inlined
 * (escaped) by MikroORM; arrays expand to `a, b`, so write `array[?]::uuid[]`.
 */
export async function query<T extends Row>(
  em: EntityManager,
  text: string,
  params: readonly SqlValue[] = [],
): Promise<T[]> {
  const values = params.map((p) => (typeof p === 'bigint' ? p.toString() : p));
  return em.execute<T[]>(text, values as unknown[]);
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
