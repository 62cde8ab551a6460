import { bucketStart, CashFlowGrouping, periodsOf } from './periods';

describe('cash-flow periods', () => {
  it('starts ISO weeks on Monday and months on the 1st', () => {
    expect(bucketStart('2026-03-01', CashFlowGrouping.WEEK)).toBe('2026-02-23'); // a Sunday
    expect(bucketStart('2026-03-02', CashFlowGrouping.WEEK)).toBe('2026-03-02'); // a Monday
    expect(bucketStart('2026-03-17', CashFlowGrouping.MONTH)).toBe('2026-03-01');
  });

  it('clips the first and last bucket to the range', () => {
    expect(periodsOf('2026-01-28', '2026-03-03', CashFlowGrouping.MONTH)).toEqual([
      { start: '2026-01-28', end: '2026-01-31' },
      { start: '2026-02-01', end: '2026-02-28' },
      { start: '2026-03-01', end: '2026-03-03' },
    ]);
    expect(periodsOf('2026-03-04', '2026-03-16', CashFlowGrouping.WEEK)).toEqual([
      { start: '2026-03-04', end: '2026-03-08' },
      { start: '2026-03-09', end: '2026-03-15' },
      { start: '2026-03-16', end: '2026-03-16' },
    ]);
  });

  it('gives one bucket per day for DAY, across a leap day', () => {
    const days = periodsOf('2028-02-27', '2028-03-01', CashFlowGrouping.DAY);
    expect(days.map((p) => p.start)).toEqual([
      '2028-02-27',
      '2028-02-28',
      '2028-02-29',
      '2028-03-01',
    ]);
    expect(days.every((p) => p.start === p.end)).toBe(true);
  });

  it('stops one bucket past the limit', () => {
    expect(periodsOf('2000-01-01', '2099-12-31', CashFlowGrouping.DAY, 366)).toHaveLength(367);
  });
});
