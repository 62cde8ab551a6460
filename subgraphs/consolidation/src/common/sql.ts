/** `timestamptz` arrives as PostgreSQL text; V8 parses it. */
export function instant(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(value as string);
}
