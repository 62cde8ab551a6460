import {
  applyWeekendPolicy,
  firstIndexAfter,
  Frequency,
  nominalDate,
  occurrencesThrough,
  validateRule,
  WeekendPolicy,
  type Rule,
} from './schedule';

const rule = (overrides: Partial<Rule>): Rule => ({
  frequency: Frequency.MONTHLY,
  interval: 1,
  dayOfMonth: null,
  startDate: '2024-01-31',
  endDate: null,
  count: null,
  weekendPolicy: WeekendPolicy.NONE,
  ...overrides,
});

const dates = (r: Rule, n: number) => Array.from({ length: n }, (_, i) => nominalDate(r, i));

describe('recurrence schedule', () => {
  it('clamps monthly occurrences to the month end without drifting', () => {
    expect(dates(rule({}), 5)).toEqual([
      '2024-01-31',
      '2024-02-29',
      '2024-03-31',
      '2024-04-30',
      '2024-05-31',
    ]);
    expect(dates(rule({ startDate: '2023-01-31' }), 2)).toEqual(['2023-01-31', '2023-02-28']);
  });

  it('uses dayOfMonth from the first matching month on or after the start', () => {
    expect(dates(rule({ startDate: '2024-01-20', dayOfMonth: 10 }), 2)).toEqual([
      '2024-02-10',
      '2024-03-10',
    ]);
    expect(dates(rule({ startDate: '2024-01-05', dayOfMonth: 31, interval: 1 }), 3)).toEqual([
      '2024-01-31',
      '2024-02-29',
      '2024-03-31',
    ]);
  });

  it('keeps Feb 29 in leap years and Feb 28 otherwise for yearly recurrences', () => {
    expect(dates(rule({ frequency: Frequency.YEARLY, startDate: '2024-02-29' }), 5)).toEqual([
      '2024-02-29',
      '2025-02-28',
      '2026-02-28',
      '2027-02-28',
      '2028-02-29',
    ]);
  });

  it('steps daily and weekly by the interval', () => {
    expect(
      dates(rule({ frequency: Frequency.DAILY, interval: 3, startDate: '2024-02-27' }), 3),
    ).toEqual(['2024-02-27', '2024-03-01', '2024-03-04']);
    expect(
      dates(rule({ frequency: Frequency.WEEKLY, interval: 2, startDate: '2024-12-25' }), 2),
    ).toEqual(['2024-12-25', '2025-01-08']);
  });

  it('moves weekend dates by the policy', () => {
    // 2024-06-01 is a Saturday, 2024-06-02 a Sunday.
    expect(applyWeekendPolicy('2024-06-01', WeekendPolicy.PREVIOUS_BUSINESS_DAY)).toBe(
      '2024-05-31',
    );
    expect(applyWeekendPolicy('2024-06-02', WeekendPolicy.PREVIOUS_BUSINESS_DAY)).toBe(
      '2024-05-31',
    );
    expect(applyWeekendPolicy('2024-06-01', WeekendPolicy.NEXT_BUSINESS_DAY)).toBe('2024-06-03');
    expect(applyWeekendPolicy('2024-06-02', WeekendPolicy.NEXT_BUSINESS_DAY)).toBe('2024-06-03');
    expect(applyWeekendPolicy('2024-06-03', WeekendPolicy.NEXT_BUSINESS_DAY)).toBe('2024-06-03');
  });

  it('stops at the count or the end date', () => {
    const byCount = occurrencesThrough(rule({ count: 3 }), 0, '2030-01-01');
    expect(byCount.occurrences.map((o) => o.nominalDate)).toEqual([
      '2024-01-31',
      '2024-02-29',
      '2024-03-31',
    ]);
    expect(byCount.nextDate).toBeNull();
    const byEnd = occurrencesThrough(rule({ endDate: '2024-03-30' }), 0, '2030-01-01');
    expect(byEnd.occurrences).toHaveLength(2);
    expect(byEnd.nextDate).toBeNull();
  });

  it('returns a window and where to resume', () => {
    const window = occurrencesThrough(
      rule({ weekendPolicy: WeekendPolicy.PREVIOUS_BUSINESS_DAY }),
      1,
      '2024-04-15',
    );
    expect(window.occurrences).toEqual([
      { index: 1, nominalDate: '2024-02-29', date: '2024-02-29' },
      { index: 2, nominalDate: '2024-03-31', date: '2024-03-29' },
    ]);
    expect(window).toMatchObject({ nextIndex: 3, nextDate: '2024-04-30' });
    expect(firstIndexAfter(rule({}), '2024-03-31')).toBe(3);
  });

  it('rejects rules that make no sense', () => {
    expect(() => validateRule(rule({ interval: 0 }))).toThrow('interval');
    expect(() => validateRule(rule({ frequency: Frequency.DAILY, dayOfMonth: 3 }))).toThrow(
      'dayOfMonth',
    );
    expect(() => validateRule(rule({ endDate: '2023-01-01' }))).toThrow('endDate');
  });
});
