/**
 * Keys of rows this process has seen committed (users, their days, accounts), so a
 * batch inserts only rows it has not seen before. Such rows are never deleted while
 * their events still count (an erased user's later events are dropped), so a key
 * stays true once added; it is added only after the inserting transaction commits.
 * Bounded (~25 MB at 200,000 keys): when full it starts over, which costs only redundant
 * inserts.
 */
export class KnownRows {
  private keys = new Set<string>();

  constructor(private readonly capacity = 200_000) {}

  has(key: string): boolean {
    return this.keys.has(key);
  }

  /** The keys not known yet, in their order. */
  unknown<T>(items: readonly T[], key: (item: T) => string): T[] {
    return items.filter((item) => !this.keys.has(key(item)));
  }

  addAll(keys: Iterable<string>): void {
    for (const key of keys) {
      if (this.keys.size >= this.capacity) this.keys = new Set();
      this.keys.add(key);
    }
  }
}
