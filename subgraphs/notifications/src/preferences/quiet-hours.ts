import { addDays, localDateAt, zonedInstant, zoneOffsetMinutes } from '@saldo/kit';

export interface QuietHours {
  /** "HH:MM" local time; the window may wrap midnight (22:00-07:00). */
  start: string;
  end: string;
}

export const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When a message due at `now` may go out: `now` outside the window, else the window's end
 * in the user's time zone (the same day, or the next when the window wraps midnight).
 */
export function releaseTime(now: Date, quiet: QuietHours | null, timeZone: string): Date {
  if (!quiet || quiet.start === quiet.end) return now;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const local = new Date(now.getTime() + zoneOffsetMinutes(now, timeZone) * 60_000);
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  const wraps = start > end;
  const inside = wraps ? minute >= start || minute < end : minute >= start && minute < end;
  if (!inside) return now;
  const today = localDateAt(now, timeZone);
  const day = wraps && minute >= start ? addDays(today, 1) : today;
  return zonedInstant(day, timeZone, Math.floor(end / 60), end % 60);
}
