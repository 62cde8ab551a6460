/**
 * Recurring charges: the same merchant (the normalised description), kind and currency at a
 * regular interval, at least three times, with similar amounts.
 *
 * - Intervals: weekly (7 ± 2 days), monthly (one calendar month ± 5 days: the 31st and
 *   weekend shifts move real debits) or yearly (one year ± 10 days).
 * - The series is the latest unbroken run: walking back from the newest occurrence while each
 *   gap fits the interval (a merchant paid irregularly before a subscription started still
 *   has the subscription). At least 3 occurrences.
 * - Similar amounts: each within 25 % of the series' median (price rises of a subscription
 *   stay in; a one-off big purchase at the same merchant breaks nothing, it is not in the run
 *   when its gap does not fit, and is dropped when its amount does not).
 * - Still going: the next expected date is not more than one interval plus the tolerance in
 *   the past (a cancelled subscription stops being listed).
 */
import { createHash } from 'node:crypto';
import { addDays, addMonths, parseLocalDate, toEpochDay, type LocalDate } from '@saldo/kit';
import { normalise } from '../categorise/normalise';
import type { DatedEntry } from '../entries/entry.repository';

export type Interval = 'WEEKLY' | 'MONTHLY' | 'YEARLY';

export interface RecurringSeries {
  /** Stable for the same user, merchant, kind and currency. */
  id: string;
  merchant: string;
  /** The newest occurrence's description, as the user sees it. */
  description: string;
  kind: DatedEntry['kind'];
  currency: string;
  interval: Interval;
  entries: DatedEntry[];
  medianMinor: bigint;
  lastMinor: bigint;
  lastDate: LocalDate;
  nextDate: LocalDate;
  /** The newest occurrence's amount: prices persist. */
  nextMinor: bigint;
  /** The category and account most of its occurrences have. */
  categoryId: string | null;
  accountId: string;
  /** The day of the month (monthly, yearly) it keeps. */
  day: number;
}

const MIN_OCCURRENCES = 3;
const AMOUNT_TOLERANCE = 0.25;
/** How far back detection looks: two years and a bit, for yearly series. */
export const LOOKBACK_DAYS = 3 * 366;

const RULES: Record<
  Interval,
  { tolerance: number; next: (d: LocalDate, day: number) => LocalDate }
> = {
  WEEKLY: { tolerance: 2, next: (d) => addDays(d, 7) },
  MONTHLY: { tolerance: 5, next: (d, day) => addMonths(d, 1, day) },
  YEARLY: { tolerance: 10, next: (d, day) => addMonths(d, 12, day) },
};

const gap = (a: LocalDate, b: LocalDate) => toEpochDay(b) - toEpochDay(a);

/** Does `b` follow `a` by one `interval` (within its tolerance)? */
function follows(interval: Interval, a: LocalDate, b: LocalDate): boolean {
  const rule = RULES[interval];
  const expected = rule.next(a, parseLocalDate(a).day);
  return Math.abs(gap(expected, b)) <= rule.tolerance;
}

function median(values: readonly bigint[]): bigint {
  const sorted = [...values].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  return sorted[Math.floor((sorted.length - 1) / 2)] as bigint;
}

function similar(amount: bigint, to: bigint): boolean {
  const diff = amount > to ? amount - to : to - amount;
  // Integer comparison of diff/to <= 25 %: diff * 100 <= to * 25.
  return diff * 100n <= to * BigInt(Math.round(AMOUNT_TOLERANCE * 100));
}

/** The most frequent value; on a tie, the one that comes first in `values`. */
function mostCommon<T>(values: readonly T[]): T {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = values[0] as T;
  for (const [v, n] of counts) if (n > (counts.get(best) ?? 0)) best = v;
  return best;
}

/** The newest unbroken run of `entries` (oldest first) at `interval`. */
function latestRun(interval: Interval, entries: readonly DatedEntry[]): DatedEntry[] {
  const run = [entries[entries.length - 1] as DatedEntry];
  for (let i = entries.length - 2; i >= 0; i--) {
    const e = entries[i] as DatedEntry;
    if (!follows(interval, e.date, (run[0] as DatedEntry).date)) break;
    run.unshift(e);
  }
  return run;
}

function seriesId(userId: string, key: string): string {
  const h = createHash('sha256').update(`${userId}\u0000${key}`).digest('hex');
  // A UUID-shaped id (version nibble 8: custom, RFC 9562), stable across calls.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** One user's recurring series among their posted entries (oldest first), soonest next first. */
export function detectRecurring(
  userId: string,
  entries: readonly DatedEntry[],
  today: LocalDate,
): RecurringSeries[] {
  const groups = new Map<string, DatedEntry[]>();
  for (const e of entries) {
    if (e.kind === 'TRANSFER') continue;
    const merchant = normalise(e.description);
    if (merchant === '') continue;
    const key = `${e.kind}\u0000${e.currency}\u0000${merchant}`;
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  const found: RecurringSeries[] = [];
  for (const [key, group] of groups) {
    if (group.length < MIN_OCCURRENCES) continue;
    // One occurrence per day: a same-day repeat (a duplicate charge) is not a period.
    const byDay = group.filter((e, i) => i === 0 || e.date !== (group[i - 1] as DatedEntry).date);
    const typical = median(byDay.map((e) => e.amountMinor));
    const alike = byDay.filter((e) => similar(e.amountMinor, typical));
    let best: { interval: Interval; run: DatedEntry[] } | null = null;
    for (const interval of ['WEEKLY', 'MONTHLY', 'YEARLY'] as const) {
      if (alike.length < MIN_OCCURRENCES) break;
      const run = latestRun(interval, alike);
      if (run.length >= MIN_OCCURRENCES && (!best || run.length > best.run.length)) {
        best = { interval, run };
      }
    }
    if (!best) continue;
    const { interval, run } = best;
    const last = run[run.length - 1] as DatedEntry;
    // The day of month it keeps: the most common, the later on a tie (a series on the 31st
    // that fell on the 30th in short months stays on month ends).
    const days = run.map((e) => parseLocalDate(e.date).day).sort((a, b) => b - a);
    const day = mostCommon(days);
    let next = RULES[interval].next(last.date, day);
    if (gap(next, today) > gap(last.date, next) + RULES[interval].tolerance) continue;
    while (gap(next, today) > RULES[interval].tolerance) next = RULES[interval].next(next, day);
    const merchant = key.split('\u0000')[2] as string;
    found.push({
      id: seriesId(userId, key),
      merchant,
      description: last.description,
      kind: last.kind,
      currency: last.currency,
      interval,
      entries: run,
      medianMinor: median(run.map((e) => e.amountMinor)),
      lastMinor: last.amountMinor,
      lastDate: last.date,
      nextDate: next,
      nextMinor: last.amountMinor,
      categoryId: mostCommon(run.map((e) => e.categoryId).reverse()),
      accountId: mostCommon(run.map((e) => e.accountId).reverse()),
      day,
    });
  }
  return found.sort((a, b) => (a.nextDate < b.nextDate ? -1 : a.nextDate > b.nextDate ? 1 : 0));
}

/** The series' expected dates from its next one up to `until` (inclusive). */
export function projectSeries(series: RecurringSeries, until: LocalDate): LocalDate[] {
  const dates: LocalDate[] = [];
  for (let d = series.nextDate; d <= until; d = RULES[series.interval].next(d, series.day)) {
    dates.push(d);
  }
  return dates;
}

/** How many days an occurrence of `interval` may move. */
export const toleranceOf = (interval: Interval): number => RULES[interval].tolerance;
