import { backoffSeconds, decide, freeFailures, type ThrottleState } from './throttle-policy';

const policy = { maxFailures: 10, lockoutSeconds: 900 };
const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, seconds));
const fresh: ThrottleState = { failures: 0, lastFailureAt: null, lockedUntil: null };

describe('throttle policy', () => {
  it('lets the first third of the allowance through, then backs off exponentially', () => {
    expect(freeFailures(policy)).toBe(3);
    expect([1, 2, 3, 4, 5, 6, 9].map((f) => backoffSeconds(f, policy))).toEqual([
      0, 0, 0, 1, 2, 4, 32,
    ]);
    expect(backoffSeconds(20, { maxFailures: 30, lockoutSeconds: 60 })).toBe(60);
  });

  it('counts an allowed attempt as a failure up front', () => {
    expect(decide(fresh, policy, at(0))).toEqual({
      allowed: true,
      next: { failures: 1, lastFailureAt: at(0), lockedUntil: null },
    });
  });

  it('refuses attempts inside the backoff with the seconds left', () => {
    const state = { failures: 5, lastFailureAt: at(0), lockedUntil: null };
    expect(decide(state, policy, at(1))).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(decide(state, policy, at(2))).toMatchObject({ allowed: true, next: { failures: 6 } });
  });

  it('locks the key on the attempt that reaches the maximum', () => {
    const state = { failures: 9, lastFailureAt: at(0), lockedUntil: null };
    const decision = decide(state, policy, at(100));
    expect(decision).toEqual({
      allowed: true,
      next: { failures: 0, lastFailureAt: at(100), lockedUntil: at(1000) },
    });
    if (!decision.allowed) throw new Error('expected allowed');
    expect(decide(decision.next, policy, at(101))).toEqual({
      allowed: false,
      retryAfterSeconds: 899,
    });
    expect(decide(decision.next, policy, at(1000))).toMatchObject({ allowed: true });
  });

  it('forgets failures older than the lockout period', () => {
    const state = { failures: 8, lastFailureAt: at(0), lockedUntil: null };
    expect(decide(state, policy, at(900))).toMatchObject({ allowed: true, next: { failures: 1 } });
  });
});
