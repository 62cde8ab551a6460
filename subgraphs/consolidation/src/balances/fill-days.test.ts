import { fillDays } from './fill-days';

describe('fillDays', () => {
  it('lists every day of the range, carrying the balance across days without movements', () => {
    const days = fillDays('2026-01-30', '2026-02-02', 1000n, [
      { day: '2026-01-31', credits: 500n, debits: 200n, entryCount: 2 },
      { day: '2026-02-02', credits: 0n, debits: 50n, entryCount: 1 },
    ]);
    expect(days).toEqual([
      {
        date: '2026-01-30',
        opening: 1000n,
        credits: 0n,
        debits: 0n,
        closing: 1000n,
        entryCount: 0,
      },
      {
        date: '2026-01-31',
        opening: 1000n,
        credits: 500n,
        debits: 200n,
        closing: 1300n,
        entryCount: 2,
      },
      {
        date: '2026-02-01',
        opening: 1300n,
        credits: 0n,
        debits: 0n,
        closing: 1300n,
        entryCount: 0,
      },
      {
        date: '2026-02-02',
        opening: 1300n,
        credits: 0n,
        debits: 50n,
        closing: 1250n,
        entryCount: 1,
      },
    ]);
  });

  it('crosses a leap day and a year end', () => {
    const days = fillDays('2027-12-31', '2028-03-01', 0n, []);
    expect(days).toHaveLength(1 + 31 + 29 + 1);
    expect(days.map((d) => d.date)).toContain('2028-02-29');
  });

  it('gives one day when from equals to', () => {
    expect(fillDays('2026-05-05', '2026-05-05', -7n, [])).toEqual([
      { date: '2026-05-05', opening: -7n, credits: 0n, debits: 0n, closing: -7n, entryCount: 0 },
    ]);
  });
});
