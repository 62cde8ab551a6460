import { findDrift, streamDrift, type Balance } from './drift';

const b = (accountId: string, amount: bigint, currency = 'BRL'): Balance => ({
  accountId,
  userId: 'u1',
  currency,
  amount,
});

describe('findDrift', () => {
  it('reports nothing when every account agrees', () => {
    expect(findDrift([b('a', 100n), b('b', -5n)], [b('b', -5n), b('a', 100n)])).toEqual([]);
  });

  it('names amount and currency differences and accounts missing on either side', () => {
    const drift = findDrift(
      [b('a', 100n), b('b', 7n), b('c', 1n, 'USD')],
      [b('a', 90n), b('c', 1n), b('d', 3n)],
    );
    expect(drift.map((d) => [d.accountId, d.reason, d.difference])).toEqual([
      ['a', 'AMOUNT', '10'],
      ['b', 'MISSING_IN_LEDGER', null],
      ['c', 'CURRENCY', null],
      ['d', 'MISSING_IN_PROJECTION', null],
    ]);
  });
});

describe('streamDrift', () => {
  async function* pages(...list: Balance[][]): AsyncGenerator<Balance[]> {
    for (const page of list) yield page;
  }
  async function all(drifts: AsyncIterable<{ accountId: string; reason: string }>) {
    const out: [string, string][] = [];
    for await (const d of drifts) out.push([d.accountId, d.reason]);
    return out;
  }

  it('merges both sides in id order across pages, finding what either side lacks', async () => {
    const seen: string[] = [];
    const drift = await all(
      streamDrift(
        pages([b('a', 1n), b('c', 3n)], [b('d', 4n, 'USD'), b('f', 6n)]),
        pages([b('a', 1n)], [b('b', 2n), b('c', 30n)], [b('d', 4n), b('e', 5n)]),
        (x) => seen.push(x.accountId),
      ),
    );
    expect(drift).toEqual([
      ['b', 'MISSING_IN_PROJECTION'],
      ['c', 'AMOUNT'],
      ['d', 'CURRENCY'],
      ['e', 'MISSING_IN_PROJECTION'],
      ['f', 'MISSING_IN_LEDGER'],
    ]);
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('reports nothing for two empty sides, and everything against an empty side', async () => {
    expect(await all(streamDrift(pages(), pages([])))).toEqual([]);
    expect(await all(streamDrift(pages([b('a', 1n)]), pages()))).toEqual([
      ['a', 'MISSING_IN_LEDGER'],
    ]);
  });
});
