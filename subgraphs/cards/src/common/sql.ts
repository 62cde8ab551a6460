import type { EntityManager } from '@saldo/kit';

/** A value MikroORM inlines for a `?` placeholder; bigints travel as decimal strings. */
export type SqlValue = string | number | boolean | null | bigint | readonly string[];

type Row = Record<string, unknown>;

/**
 * Runs raw SQL on the request's or transaction's EntityManager. Arrays expand to
 * `a, b`, so write `array[?]::uuid[]`.
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

/** `(?, ?), (?, ?)` for a multi-row VALUES list with per-column casts. */
export function valuesList(rows: number, columns: readonly string[]): string {
  const row = `(${columns.join(', ')})`;
  return Array.from({ length: rows }, () => row).join(', ');
}

/** `timestamptz` arrives as text; V8 parses it. */
export function toDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

/** int8 sums arrive as strings (or null over no rows). */
export function toMinor(value: unknown): bigint {
  if (value === null || value === undefined) return 0n;
  return BigInt(value as string | number);
}
