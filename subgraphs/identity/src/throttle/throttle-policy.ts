/** Limits for one throttle key (an email or a client address). */
export interface ThrottlePolicy {
  /** The attempt that reaches this many failures locks the key. */
  maxFailures: number;
  /** How long a lock lasts; also how long failures are remembered. */
  lockoutSeconds: number;
}

export interface ThrottleState {
  failures: number;
  lastFailureAt: Date | null;
  lockedUntil: Date | null;
}

export type ThrottleDecision =
  { allowed: false; retryAfterSeconds: number } | { allowed: true; next: ThrottleState };

const MAX_BACKOFF_SECONDS = 60;

/** Failures answered at once; the first third of the allowance. */
export function freeFailures(policy: ThrottlePolicy): number {
  return Math.max(1, Math.floor(policy.maxFailures / 3));
}

/** Wait required after `failures` failures: 0 while free, then 1 s, 2 s, 4 s, ... (60 s cap). */
export function backoffSeconds(failures: number, policy: ThrottlePolicy): number {
  const over = failures - freeFailures(policy);
  return over <= 0 ? 0 : Math.min(2 ** (over - 1), MAX_BACKOFF_SECONDS);
}

const secondsUntil = (until: number, now: number) => Math.max(1, Math.ceil((until - now) / 1000));

/**
 * Decides one attempt. An allowed attempt is counted as a failure up front (`next`) and
 * refunded on success, so a burst of parallel guesses cannot all slip past the check.
 */
export function decide(state: ThrottleState, policy: ThrottlePolicy, now: Date): ThrottleDecision {
  const t = now.getTime();
  if (state.lockedUntil && state.lockedUntil.getTime() > t) {
    return { allowed: false, retryAfterSeconds: secondsUntil(state.lockedUntil.getTime(), t) };
  }
  const last = state.lastFailureAt?.getTime() ?? null;
  const remembered = last !== null && t - last < policy.lockoutSeconds * 1000;
  const failures = remembered ? state.failures : 0;
  const waitUntil = last === null ? t : last + backoffSeconds(failures, policy) * 1000;
  if (waitUntil > t) return { allowed: false, retryAfterSeconds: secondsUntil(waitUntil, t) };
  if (failures + 1 >= policy.maxFailures) {
    const lockedUntil = new Date(t + policy.lockoutSeconds * 1000);
    return { allowed: true, next: { failures: 0, lastFailureAt: now, lockedUntil } };
  }
  return { allowed: true, next: { failures: failures + 1, lastFailureAt: now, lockedUntil: null } };
}
