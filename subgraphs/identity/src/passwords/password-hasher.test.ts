import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('hashes with argon2id and a fresh salt', async () => {
    const first = await hasher.hash('correct horse 42');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await hasher.hash('correct horse 42')).not.toBe(first);
    expect(await hasher.verify(first, 'correct horse 42')).toBe(true);
    expect(await hasher.verify(first, 'correct horse 43')).toBe(false);
  });

  it('answers false for a missing account after doing comparable work', async () => {
    const real = await hasher.hash('correct horse 42');
    await hasher.verify(null, 'warm-up');
    const time = async (stored: string | null) => {
      const start = process.hrtime.bigint();
      await hasher.verify(stored, 'wrong password 1');
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    const missing = await time(null);
    const wrong = await time(real);
    expect(await hasher.verify(null, 'correct horse 42')).toBe(false);
    // Both run one argon2id verification: within a factor of a few of each other.
    expect(missing).toBeGreaterThan(wrong / 4);
    expect(missing).toBeLessThan(wrong * 4);
  });

  it('treats a malformed stored hash as a mismatch', async () => {
    expect(await hasher.verify('not-a-hash', 'whatever')).toBe(false);
  });
});
