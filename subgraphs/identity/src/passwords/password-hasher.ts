import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { randomToken } from '../crypto/secrets';

// Algorithm.Argon2id: the typings declare a const enum, which isolatedModules cannot read.
const ARGON2ID = 2 as Algorithm;

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. */
export const ARGON2_OPTIONS = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export class PasswordHasher {
  // A real hash of a random password: verifying against it costs what a real check costs,
  // so an unknown email takes as long as a wrong password.
  private readonly decoy: Promise<string>;

  constructor(private readonly options = ARGON2_OPTIONS) {
    this.decoy = hash(randomToken(24), options);
  }

  hash(password: string): Promise<string> {
    return hash(password, this.options);
  }

  /** Verifies against `stored`, or against the decoy when there is no account (always false). */
  async verify(stored: string | null, password: string): Promise<boolean> {
    if (stored === null) {
      await verify(await this.decoy, password).catch(() => false);
      return false;
    }
    return verify(stored, password).catch(() => false);
  }
}
