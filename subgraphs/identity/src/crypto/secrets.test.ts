import { randomToken, sameDigest, sha256 } from './secrets';

describe('secrets', () => {
  it('makes distinct URL-safe tokens of the asked entropy', () => {
    const a = randomToken(32);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken(32)).not.toBe(a);
  });

  it('hashes deterministically and compares digests exactly', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sameDigest(sha256('abc'), sha256('abc'))).toBe(true);
    expect(sameDigest(sha256('abc'), sha256('abd'))).toBe(false);
    expect(sameDigest(sha256('abc'), 'ab')).toBe(false);
  });
});
