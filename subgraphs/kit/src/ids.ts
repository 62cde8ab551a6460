import { v7, validate } from 'uuid';

/** Time-ordered UUIDv7: ids sort by creation, which keeps B-tree inserts at the right edge. */
export function newId(): string {
  return v7();
}

export function isUuid(value: string): boolean {
  return validate(value);
}
