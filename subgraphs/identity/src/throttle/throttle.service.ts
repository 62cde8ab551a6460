import { DomainError, ErrorCode, type EntityManager } from '@saldo/kit';
import { sha256 } from '../crypto/secrets';
import { decide, type ThrottlePolicy, type ThrottleState } from './throttle-policy';

export interface ThrottleKey {
  key: string;
  policy: ThrottlePolicy;
}

export interface ThrottlePolicies {
  email: ThrottlePolicy;
  ip: ThrottlePolicy;
}

// Raw queries return timestamptz as text (MikroORM turns off pg's date parsing).
interface Row {
  failures: number;
  last_failure_at: string | Date | null;
  locked_until: string | Date | null;
  now: string | Date;
}

const toDate = (value: string | Date) => (value instanceof Date ? value : new Date(value));
const toDateOrNull = (value: string | Date | null) => (value === null ? null : toDate(value));

/**
 * Slows down password guessing per email and per client address. State lives in
 * PostgreSQL, so every replica sees the same counters.
 */
export class LoginThrottle {
  constructor(private readonly policies: ThrottlePolicies) {}

  /** Emails are hashed: the table should not become a list of typed addresses. */
  keysFor(email: string, clientIp: string | null): ThrottleKey[] {
    const keys = [{ key: `email:${sha256(email)}`, policy: this.policies.email }];
    if (clientIp) keys.push({ key: `ip:${clientIp}`, policy: this.policies.ip });
    return keys;
  }

  /** Counts an attempt, or throws RATE_LIMITED with `retryAfterSeconds`. */
  async attempt(em: EntityManager, keys: readonly ThrottleKey[]): Promise<void> {
    const ordered = [...keys].sort((a, b) => a.key.localeCompare(b.key)); // no deadlocks
    const refused = await em.transactional(async (tx) => {
      const updates: { key: string; next: ThrottleState }[] = [];
      for (const { key, policy } of ordered) {
        const row = await lockRow(tx, key);
        const state = {
          failures: row.failures,
          lastFailureAt: toDateOrNull(row.last_failure_at),
          lockedUntil: toDateOrNull(row.locked_until),
        };
        const decision = decide(state, policy, toDate(row.now));
        if (!decision.allowed) return decision.retryAfterSeconds;
        updates.push({ key, next: decision.next });
      }
      for (const { key, next } of updates) await saveRow(tx, key, next);
      return null;
    });
    if (refused !== null) {
      throw new DomainError(
        ErrorCode.RATE_LIMITED,
        `Too many failed attempts. Try again in ${refused} seconds.`,
        { retryAfterSeconds: refused },
      );
    }
  }

  /** A correct password: the email starts over; the address gets its attempt back. */
  async succeeded(em: EntityManager, keys: readonly ThrottleKey[]): Promise<void> {
    for (const { key } of keys) {
      if (key.startsWith('email:'))
        await em.execute('delete from login_throttle where key = ?', [key]);
      else
        await em.execute(
          'update login_throttle set failures = greatest(failures - 1, 0) where key = ?',
          [key],
        );
    }
  }

  /** Forgets an email's failures (account erased, password reset). */
  async forget(em: EntityManager, email: string): Promise<void> {
    await em.execute('delete from login_throttle where key = ?', [`email:${sha256(email)}`]);
  }
}

async function lockRow(tx: EntityManager, key: string): Promise<Row> {
  await tx.execute('insert into login_throttle (key) values (?) on conflict (key) do nothing', [
    key,
  ]);
  const rows = await tx.execute<Row[]>(
    'select failures, last_failure_at, locked_until, now() as now from login_throttle where key = ? for update',
    [key],
  );
  const row = rows[0];
  if (!row) throw new Error(`login_throttle row ${key} vanished`);
  return row;
}

async function saveRow(tx: EntityManager, key: string, next: ThrottleState): Promise<void> {
  await tx.execute(
    'update login_throttle set failures = ?, last_failure_at = ?, locked_until = ? where key = ?',
    [next.failures, next.lastFailureAt, next.lockedUntil, key],
  );
}
