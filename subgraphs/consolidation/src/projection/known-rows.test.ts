import { KnownRows } from './known-rows';

describe('KnownRows', () => {
  it('tells which keys are new, and forgets everything when full rather than grow', () => {
    const known = new KnownRows(3);
    expect(known.unknown(['a', 'b'], (k) => k)).toEqual(['a', 'b']);
    known.addAll(['a', 'b']);
    expect(known.unknown(['a', 'b', 'c'], (k) => k)).toEqual(['c']);
    known.addAll(['c', 'd']); // 'd' finds the set full: it starts over with 'd' alone
    expect(known.has('d')).toBe(true);
    expect(known.has('a')).toBe(false);
  });
});
