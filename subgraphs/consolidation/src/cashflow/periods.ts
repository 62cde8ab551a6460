import { addDays, addMonths, dayOfWeek, type LocalDate } from '@saldo/kit';

export enum CashFlowGrouping {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}

/** A bucket of days, both ends included. */
export interface Period {
  start: LocalDate;
  end: LocalDate;
}

/** The first day of the calendar bucket holding `day`: itself, its Monday, its month's 1st. */
export function bucketStart(day: LocalDate, grouping: CashFlowGrouping): LocalDate {
  if (grouping === CashFlowGrouping.DAY) return day;
  if (grouping === CashFlowGrouping.MONTH) return `${day.slice(0, 7)}-01`;
  return addDays(day, -((dayOfWeek(day) + 6) % 7)); // ISO weeks start on Monday
}

function nextBucket(start: LocalDate, grouping: CashFlowGrouping): LocalDate {
  if (grouping === CashFlowGrouping.DAY) return addDays(start, 1);
  if (grouping === CashFlowGrouping.WEEK) return addDays(start, 7);
  return addMonths(start, 1);
}

/**
 * The calendar buckets covering `from..to`, the first and last clipped to the range,
 * so no bucket reaches outside what was asked. Stops after `limit` + 1 buckets
 * (enough for the caller to refuse the range).
 */
export function periodsOf(
  from: LocalDate,
  to: LocalDate,
  grouping: CashFlowGrouping,
  limit = Number.POSITIVE_INFINITY,
): Period[] {
  const periods: Period[] = [];
  for (let start = bucketStart(from, grouping); start <= to; start = nextBucket(start, grouping)) {
    const end = addDays(nextBucket(start, grouping), -1);
    periods.push({ start: start < from ? from : start, end: end > to ? to : end });
    if (periods.length > limit) break;
  }
  return periods;
}
