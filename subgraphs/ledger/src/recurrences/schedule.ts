import {
  addDays,
  addMonths,
  badInput,
  dayOfWeek,
  parseLocalDate,
  type LocalDate,
} from '@saldo/kit';

export enum Frequency {
  DAILY = 'DAILY',
  WEEKLY = 'WEEKLY',
  MONTHLY = 'MONTHLY',
  YEARLY = 'YEARLY',
}

/** Where an occurrence falling on a Saturday or Sunday moves. */
export enum WeekendPolicy {
  NONE = 'NONE',
  PREVIOUS_BUSINESS_DAY = 'PREVIOUS_BUSINESS_DAY',
  NEXT_BUSINESS_DAY = 'NEXT_BUSINESS_DAY',
}

export interface Rule {
  frequency: Frequency;
  interval: number;
  /** MONTHLY only: the day wanted each month, clamped to the month's length. */
  dayOfMonth: number | null;
  startDate: LocalDate;
  endDate: LocalDate | null;
  count: number | null;
  weekendPolicy: WeekendPolicy;
}

/** Occurrence `index` as scheduled (`nominalDate`) and as it falls after the weekend policy. */
export interface Occurrence {
  index: number;
  nominalDate: LocalDate;
  date: LocalDate;
}

export function validateRule(rule: Rule): Rule {
  if (!Number.isInteger(rule.interval) || rule.interval < 1 || rule.interval > 1000) {
    throw badInput('interval must be between 1 and 1000', { field: 'interval' });
  }
  if (rule.dayOfMonth !== null) {
    if (rule.frequency !== Frequency.MONTHLY) {
      throw badInput('dayOfMonth applies to MONTHLY recurrences only', { field: 'dayOfMonth' });
    }
    if (!Number.isInteger(rule.dayOfMonth) || rule.dayOfMonth < 1 || rule.dayOfMonth > 31) {
      throw badInput('dayOfMonth must be between 1 and 31', { field: 'dayOfMonth' });
    }
  }
  if (rule.endDate !== null && rule.endDate < rule.startDate) {
    throw badInput('endDate must not be before startDate', { field: 'endDate' });
  }
  if (
    rule.count !== null &&
    (!Number.isInteger(rule.count) || rule.count < 1 || rule.count > 10_000)
  ) {
    throw badInput('count must be between 1 and 10000', { field: 'count' });
  }
  return rule;
}

/** The first monthly date on the wanted day that is not before the start. */
function monthlyAnchor(rule: Rule, day: number): LocalDate {
  const sameMonth = addMonths(rule.startDate, 0, day);
  return sameMonth >= rule.startDate ? sameMonth : addMonths(rule.startDate, 1, day);
}

/**
 * The scheduled date of occurrence `index`, always computed from the anchor (never from
 * the previous occurrence) so that month-end clamping does not drift: Jan 31 monthly
 * gives Feb 28 (29 in leap years), then Mar 31; Feb 29 yearly gives Feb 28, then Feb 29.
 */
export function nominalDate(rule: Rule, index: number): LocalDate {
  const step = index * rule.interval;
  switch (rule.frequency) {
    case Frequency.DAILY:
      return addDays(rule.startDate, step);
    case Frequency.WEEKLY:
      return addDays(rule.startDate, 7 * step);
    case Frequency.MONTHLY: {
      const day = rule.dayOfMonth ?? parseLocalDate(rule.startDate).day;
      return addMonths(monthlyAnchor(rule, day), step, day);
    }
    case Frequency.YEARLY:
      return addMonths(rule.startDate, 12 * step, parseLocalDate(rule.startDate).day);
  }
}

export function applyWeekendPolicy(date: LocalDate, policy: WeekendPolicy): LocalDate {
  const weekday = dayOfWeek(date);
  if (policy === WeekendPolicy.NONE || (weekday !== 0 && weekday !== 6)) return date;
  if (policy === WeekendPolicy.PREVIOUS_BUSINESS_DAY) return addDays(date, weekday === 6 ? -1 : -2);
  return addDays(date, weekday === 6 ? 2 : 1);
}

/** Whether occurrence `index` exists at all (count and end date). */
function exists(rule: Rule, index: number, nominal: LocalDate): boolean {
  if (rule.count !== null && index >= rule.count) return false;
  return rule.endDate === null || nominal <= rule.endDate;
}

export interface Window {
  occurrences: Occurrence[];
  nextIndex: number;
  /** Scheduled date of the next occurrence, or null when the recurrence is over. */
  nextDate: LocalDate | null;
}

/** Occurrences from `fromIndex` scheduled on or before `through`, at most `max` of them. */
export function occurrencesThrough(
  rule: Rule,
  fromIndex: number,
  through: LocalDate,
  max = 500,
): Window {
  const occurrences: Occurrence[] = [];
  let index = fromIndex;
  for (;;) {
    const nominal = nominalDate(rule, index);
    if (!exists(rule, index, nominal)) return { occurrences, nextIndex: index, nextDate: null };
    if (nominal > through || occurrences.length >= max) {
      return { occurrences, nextIndex: index, nextDate: nominal };
    }
    occurrences.push({
      index,
      nominalDate: nominal,
      date: applyWeekendPolicy(nominal, rule.weekendPolicy),
    });
    index += 1;
  }
}

/** The index of the first occurrence scheduled after `date`. */
export function firstIndexAfter(rule: Rule, date: LocalDate): number {
  let index = 0;
  while (nominalDate(rule, index) <= date && index < 1_000_000) index += 1;
  return index;
}
