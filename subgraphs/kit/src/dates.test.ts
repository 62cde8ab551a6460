import {
  addDays,
  addMonths,
  dayOfWeek,
  daysInMonth,
  isLocalDate,
  localDateAt,
  zonedInstant,
} from './dates';

describe('dates', () => {
  it('validates calendar dates, leap years included', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2023-02-29')).toBe(false);
    expect(isLocalDate('2100-02-29')).toBe(false);
    expect(isLocalDate('2000-02-29')).toBe(true);
    expect(isLocalDate('2024-13-01')).toBe(false);
    expect(isLocalDate('2024-1-01')).toBe(false);
  });

  it('counts days in months', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2025, 2)).toBe(28);
    expect(daysInMonth(2025, 12)).toBe(31);
  });

  it('adds days across months and years', () => {
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('adds months clamping to the month end', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    expect(addMonths('2025-02-28', 1, 31)).toBe('2025-03-31');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
  });

  it('knows the day of the week', () => {
    expect(dayOfWeek('2026-11-22')).toBe(0); // a Sunday
    expect(dayOfWeek('1970-01-01')).toBe(4);
  });

  it('finds the local day of an instant around midnight', () => {
    const instant = new Date('2026-03-10T02:30:00Z');
    expect(localDateAt(instant, 'America/Sao_Paulo')).toBe('2026-03-09');
    expect(localDateAt(instant, 'UTC')).toBe('2026-03-10');
    expect(localDateAt(instant, 'Asia/Tokyo')).toBe('2026-03-10');
  });

  it('finds the instant of a wall-clock time in a zone, DST included', () => {
    expect(zonedInstant('2026-03-10', 'America/Sao_Paulo', 8, 30).toISOString()).toBe(
      '2026-03-10T11:30:00.000Z',
    );
    // New York: EST (-5) before 8 March 2026, EDT (-4) after.
    expect(zonedInstant('2026-03-07', 'America/New_York').toISOString()).toBe(
      '2026-03-07T05:00:00.000Z',
    );
    expect(zonedInstant('2026-03-09', 'America/New_York').toISOString()).toBe(
      '2026-03-09T04:00:00.000Z',
    );
  });
});
