import { addDays, localDateAt, zonedInstant, type LocalDate } from '@saldo/kit';

export interface CloseRule {
  /** Local wall-clock time the previous day closes at. */
  closeAt: { hour: number; minute: number };
  /** A day closes no earlier than this long after it ended. */
  settleMinutes: number;
}

/**
 * The latest day that may be closed at `now` in `timeZone`: yesterday once today's
 * close time has come and the settle delay after midnight has passed, else the day
 * before yesterday. Day boundaries are the zone's own (DST included).
 */
export function closableThrough(now: Date, timeZone: string, rule: CloseRule): LocalDate {
  const today = localDateAt(now, timeZone);
  const closeTime = zonedInstant(today, timeZone, rule.closeAt.hour, rule.closeAt.minute);
  const yesterdayEnded = zonedInstant(today, timeZone, 0, 0);
  const settled = now.getTime() - yesterdayEnded.getTime() >= rule.settleMinutes * 60_000;
  return now.getTime() >= closeTime.getTime() && settled ? addDays(today, -1) : addDays(today, -2);
}
