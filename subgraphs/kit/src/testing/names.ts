import { randomBytes } from 'node:crypto';

/** A short unique lowercase name: per test file databases, namespaces and consumers. */
export function uniqueName(prefix: string): string {
  const clean = prefix
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '_')
    .slice(0, 20);
  return `${clean}_${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}
