// Raw SQL goes through the kit (bind parameters, statements prepared once per
// connection); consolidation imports it under the names it has always used.
export { queryRow as sqlOne, queryRows as sql, toMinor as big } from '@saldo/kit';

/** `timestamptz` arrives as PostgreSQL text; V8 parses it. */
export function instant(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(value as string);
}
