import type { EntityManager } from '@saldo/kit';
import type { LoginThrottle } from '../throttle/throttle.service';
import type { PasswordHasher } from './password-hasher';
import { passwordPolicyError } from './password-policy';

/** Password checks under the throttle, and new passwords through the policy. */
export class Credentials {
  constructor(
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
  ) {}

  /**
   * True when `password` matches `stored`. Counts the attempt against the email and the
   * client address first (RATE_LIMITED when they are over their allowance). A null
   * `stored` (no such account) costs the same argon2 work and counts the same way.
   */
  async check(
    em: EntityManager,
    attempt: { email: string; clientIp: string | null; stored: string | null; password: string },
  ): Promise<boolean> {
    const keys = this.throttle.keysFor(attempt.email, attempt.clientIp);
    await this.throttle.attempt(em, keys);
    const ok = await this.hasher.verify(attempt.stored, attempt.password);
    if (ok) await this.throttle.succeeded(em, keys);
    return ok;
  }

  /** The argon2id hash of a new password, or BAD_USER_INPUT explaining the policy. */
  async hashNew(password: string, email: string, field = 'password'): Promise<string> {
    const problem = passwordPolicyError(password, email, field);
    if (problem) throw problem;
    return this.hasher.hash(password);
  }

  forgetFailures(em: EntityManager, email: string): Promise<void> {
    return this.throttle.forget(em, email);
  }
}
