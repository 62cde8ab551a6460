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

/**
 * Keys known true as of an epoch, e.g. days seen not closed as of the close epoch:
 * a newer epoch voids them all.
 */
export class EpochRows {
  private epoch = -1n;
  private rows: KnownRows;

  constructor(private readonly capacity = 200_000) {
    this.rows = new KnownRows(capacity);
  }

  /**
   * The keys known at `epoch` (starting over when it is newer than the last one seen),
   * or null for an epoch older than that: nothing known then can be assumed now.
   */
  at(epoch: bigint): KnownRows | null {
    if (epoch > this.epoch) {
      this.epoch = epoch;
      this.rows = new KnownRows(this.capacity);
    }
    return epoch === this.epoch ? this.rows : null;
  }
}
