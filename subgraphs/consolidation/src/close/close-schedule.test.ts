import { closableThrough, type CloseRule } from './close-schedule';

const rule: CloseRule = { closeAt: { hour: 8, minute: 30 }, settleMinutes: 30 };
const at = (iso: string) => new Date(iso);

describe('closableThrough', () => {
  it('closes yesterday from 08:30 local time in Sao Paulo (UTC-3, no DST)', () => {
    expect(closableThrough(at('2026-01-15T11:29:59Z'), 'America/Sao_Paulo', rule)).toBe(
      '2026-01-13',
    );
    expect(closableThrough(at('2026-01-15T11:30:00Z'), 'America/Sao_Paulo', rule)).toBe(
      '2026-01-14',
    );
  });

  it('uses each zone’s own midnight: Tokyo is already on the 16th at 23:30 UTC', () => {
    expect(closableThrough(at('2026-01-15T23:29:00Z'), 'Asia/Tokyo', rule)).toBe('2026-01-14');
    expect(closableThrough(at('2026-01-15T23:30:00Z'), 'Asia/Tokyo', rule)).toBe('2026-01-15');
  });

  it('handles half-hour offsets (Kolkata, UTC+5:30)', () => {
    expect(closableThrough(at('2026-01-15T02:59:00Z'), 'Asia/Kolkata', rule)).toBe('2026-01-13');
    expect(closableThrough(at('2026-01-15T03:00:00Z'), 'Asia/Kolkata', rule)).toBe('2026-01-14');
  });

  it('follows DST: 08:30 in New York is 13:30 UTC in winter and 12:30 UTC in summer', () => {
    expect(closableThrough(at('2026-03-07T13:29:00Z'), 'America/New_York', rule)).toBe(
      '2026-03-05',
    );
    expect(closableThrough(at('2026-03-07T13:30:00Z'), 'America/New_York', rule)).toBe(
      '2026-03-06',
    );
    // 2026-03-08 springs forward at 02:00: 08:30 EDT = 12:30 UTC
    expect(closableThrough(at('2026-03-08T12:29:00Z'), 'America/New_York', rule)).toBe(
      '2026-03-06',
    );
    expect(closableThrough(at('2026-03-08T12:30:00Z'), 'America/New_York', rule)).toBe(
      '2026-03-07',
    );
  });

  it('waits for the settle delay when it is longer than the close time', () => {
    const late: CloseRule = { closeAt: { hour: 0, minute: 10 }, settleMinutes: 60 };
    expect(closableThrough(at('2026-01-15T03:30:00Z'), 'America/Sao_Paulo', late)).toBe(
      '2026-01-13',
    );
    expect(closableThrough(at('2026-01-15T04:00:00Z'), 'America/Sao_Paulo', late)).toBe(
      '2026-01-14',
    );
  });
});
