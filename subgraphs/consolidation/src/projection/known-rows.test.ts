import { EpochRows, KnownRows } from './known-rows';

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

describe('EpochRows', () => {
  it('keeps keys while the epoch holds, voids them when it moves on, and trusts no older epoch', () => {
    const open = new EpochRows();
    open.at(3n)!.addAll(['day-1']);
    expect(open.at(3n)!.has('day-1')).toBe(true);
    expect(open.at(4n)!.has('day-1')).toBe(false); // a close happened: start over
    expect(open.at(3n)).toBeNull(); // a batch that read the epoch before that close
    open.at(4n)!.addAll(['day-2']);
    expect(open.at(4n)!.has('day-2')).toBe(true);
  });
});
