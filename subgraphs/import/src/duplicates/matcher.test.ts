import {
  baseKey,
  findDuplicates,
  normalizeDescription,
  similarity,
  type KnownEntry,
} from './matcher';

const entry = (id: string, date: string, amount: bigint, fields: Partial<KnownEntry> = {}) => ({
  entryId: id,
  date,
  amount,
  description: 'x',
  externalId: null,
  source: 'MANUAL',
  ...fields,
});
const row = (
  index: number,
  date: string,
  amount: bigint,
  description = 'x',
  externalId: string | null = null,
) => ({
  index,
  date,
  amount,
  description,
  externalId,
  matchKey: externalId ?? `row:${index}`,
});

describe('duplicate matching', () => {
  it('normalises descriptions and scores likeness', () => {
    expect(normalizeDescription('  Padaria  São-João!! ')).toBe('padaria sao joao');
    expect(similarity('UBER *TRIP', 'Uber trip')).toBe(1);
    expect(similarity('UBER TRIP', 'NETFLIX')).toBeLessThan(0.2);
  });

  it('prefers the bank id, then the closest date, then the likest description', () => {
    const entries = [
      entry('e1', '2026-03-01', -100n, { externalId: 'FIT', source: 'IMPORT' }),
      entry('near', '2026-03-10', -20n, { description: 'NETFLIX' }),
      entry('like', '2026-03-10', -20n, { description: 'UBER' }),
    ];
    const matches = findDuplicates(
      [row(0, '2026-03-05', -100n, 'a', 'FIT'), row(1, '2026-03-11', -20n, 'UBER *')],
      entries,
    );
    expect(matches.get(0)).toEqual({ entryId: 'e1', reason: 'EXTERNAL_ID' });
    expect(matches.get(1)).toEqual({ entryId: 'like', reason: 'SIMILAR' });
  });

  it('matches an entry to one row at most and never past 7 days or another amount', () => {
    const entries = [entry('e', '2026-03-10', -20n)];
    const matches = findDuplicates(
      [row(0, '2026-03-12', -20n), row(1, '2026-03-10', -20n), row(2, '2026-03-10', -21n)],
      entries,
    );
    expect([...matches]).toEqual([[1, { entryId: 'e', reason: 'SIMILAR' }]]);
    expect(findDuplicates([row(0, '2026-03-18', -20n)], entries).size).toBe(0);
  });

  it('does not call two bank-identified transactions the same because they look alike', () => {
    const entries = [entry('e', '2026-03-10', -20n, { externalId: 'A', source: 'IMPORT' })];
    expect(findDuplicates([row(0, '2026-03-10', -20n, 'x', 'B')], entries).size).toBe(0);
    expect(findDuplicates([row(0, '2026-03-10', -20n)], entries).size).toBe(1);
  });

  it('keys installments apart when the bank reuses its id', () => {
    expect(baseKey('F', { number: 3, count: 10 })).toBe('F#3/10');
    expect(baseKey('F', undefined)).toBe('F');
    expect(baseKey(undefined, undefined)).toBeNull();
  });
});
