/**
 * Insights for one month of a user's entries, each with the entries behind it:
 *
 * - UNUSUAL_EXPENSE: an expense far above what the user usually pays the same merchant (at
 *   least 3 earlier payments) or, for a merchant new to them, in the same category (at least
 *   5 earlier expenses): robust statistics (median and MAD), so one earlier outlier does not
 *   hide the next.
 * - CATEGORY_UP / CATEGORY_DOWN: the month's spending in a category against the mean of the
 *   previous three months (the same days of the month while the month is still running),
 *   from ±30 % and at least 50 currency units.
 * - DUPLICATE_CHARGE: the same merchant and amount twice within 48 hours.
 * - PRICE_INCREASE: a recurring charge whose latest occurrence, in the month, costs more than
 *   the one before.
 * - LOW_BALANCE_AHEAD: (the running month) the forecast's expected balance goes below zero
 *   in the next 30 days.
 *
 * Pure: the resolver reads, this decides.
 */
import { createHash } from 'node:crypto';
import {
  addDays,
  addMonths,
  daysInMonth,
  formatLocalDate,
  parseLocalDate,
  toEpochDay,
  type LocalDate,
} from '@saldo/kit';
import { normalise } from '../categorise/normalise';
import type { DatedEntry } from '../entries/entry.repository';
import type { Forecast } from '../forecast/forecast';
import { detectRecurring } from './recurring';

export type InsightType =
  | 'UNUSUAL_EXPENSE'
  | 'CATEGORY_UP'
  | 'CATEGORY_DOWN'
  | 'DUPLICATE_CHARGE'
  | 'PRICE_INCREASE'
  | 'LOW_BALANCE_AHEAD';

export interface InsightFinding {
  id: string;
  type: InsightType;
  currency: string;
  /** What stands out: the expense, the month's spending, the new price, the lowest balance. */
  amountMinor: bigint;
  /** What it is compared with: the usual amount, the 3-month mean, the old price. */
  usualMinor: bigint | null;
  categoryId: string | null;
  /** The latest entry's description (UNUSUAL_EXPENSE, DUPLICATE_CHARGE, PRICE_INCREASE). */
  merchant: string | null;
  date: LocalDate | null;
  entries: DatedEntry[];
}

/** Months of history the comparisons read before the month. */
export const HISTORY_MONTHS = 6;
const MIN_MERCHANT_HISTORY = 3;
const MIN_CATEGORY_HISTORY = 5;
/** Robust z-score from which an expense is unusual, and how many times the median at least. */
const UNUSUAL_Z = 3.5;
const UNUSUAL_RATIO = 1.5;
const CATEGORY_CHANGE = 0.3;
const CATEGORY_MIN_UNITS = 50n;

export interface InsightInput {
  userId: string;
  month: string;
  today: LocalDate;
  /** Posted entries from `HISTORY_MONTHS` before the month to its end (or today), oldest first. */
  entries: readonly DatedEntry[];
  /** Recurring detection reads further back (yearly series). */
  recurringHistory: readonly DatedEntry[];
  /** The spendable accounts' forecast (the running month only). */
  forecast: { forecast: Forecast; currency: string } | null;
  /** Minor units per currency unit for the thresholds (100 for BRL). */
  unit: (currency: string) => bigint;
}

function median(values: readonly bigint[]): bigint {
  const sorted = [...values].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const n = sorted.length;
  if (n === 0) return 0n;
  return n % 2
    ? (sorted[(n - 1) / 2] as bigint)
    : ((sorted[n / 2 - 1] as bigint) + (sorted[n / 2] as bigint)) / 2n;
}

const abs = (x: bigint) => (x < 0n ? -x : x);

function findingId(userId: string, ...parts: string[]): string {
  const h = createHash('sha256')
    .update([userId, ...parts].join('\u0000'))
    .digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-b${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Is `x` unusual against `history` (robust z above the cut and well above the median)? */
function unusual(x: bigint, history: readonly bigint[]): bigint | null {
  const m = median(history);
  if (m <= 0n || x * 10n < m * BigInt(UNUSUAL_RATIO * 10)) return null;
  const mad = median(history.map((h) => abs(h - m)));
  // A merchant charged the same every time (MAD 0) still varies a little in real life.
  const scale = Math.max(1.4826 * Number(mad), 0.1 * Number(m));
  return (Number(x) - Number(m)) / scale > UNUSUAL_Z ? m : null;
}

export function findInsights(input: InsightInput): InsightFinding[] {
  const { month, userId } = input;
  const { year, month: mm } = parseLocalDate(`${month}-01`);
  const start = `${month}-01`;
  const monthEnd = formatLocalDate(year, mm, daysInMonth(year, mm));
  const running = input.today >= start && input.today <= monthEnd;
  const end = running ? input.today : monthEnd;
  const inMonth = input.entries.filter(
    (e) => e.date >= start && e.date <= end && e.kind === 'EXPENSE',
  );
  const before = input.entries.filter((e) => e.date < start && e.kind === 'EXPENSE');
  const found: InsightFinding[] = [];

  // Unusual expenses.
  const byMerchant = new Map<string, bigint[]>();
  const byCategory = new Map<string, bigint[]>();
  for (const e of before) {
    const key = `${e.currency}\u0000${normalise(e.description)}`;
    byMerchant.set(key, [...(byMerchant.get(key) ?? []), e.amountMinor]);
    if (e.categoryId) {
      const ck = `${e.currency}\u0000${e.categoryId}`;
      byCategory.set(ck, [...(byCategory.get(ck) ?? []), e.amountMinor]);
    }
  }
  for (const e of inMonth) {
    const merchant = normalise(e.description);
    const history = byMerchant.get(`${e.currency}\u0000${merchant}`) ?? [];
    let usual: bigint | null = null;
    if (history.length >= MIN_MERCHANT_HISTORY) usual = unusual(e.amountMinor, history);
    else if (e.categoryId) {
      const cat = byCategory.get(`${e.currency}\u0000${e.categoryId}`) ?? [];
      if (cat.length >= MIN_CATEGORY_HISTORY) usual = unusual(e.amountMinor, cat);
    }
    if (usual === null) continue;
    found.push({
      id: findingId(userId, 'UNUSUAL_EXPENSE', e.id),
      type: 'UNUSUAL_EXPENSE',
      currency: e.currency,
      amountMinor: e.amountMinor,
      usualMinor: usual,
      categoryId: e.categoryId,
      merchant: e.description,
      date: e.date,
      entries: [e],
    });
  }

  // Category spending against the previous three months (the same days while running).
  const lastDay = parseLocalDate(end).day;
  const spend = new Map<string, { now: DatedEntry[]; prev: bigint[] }>();
  for (const e of inMonth) {
    if (!e.categoryId) continue;
    const key = `${e.currency}\u0000${e.categoryId}`;
    const s = spend.get(key) ?? { now: [], prev: [0n, 0n, 0n] };
    s.now.push(e);
    spend.set(key, s);
  }
  for (let back = 1; back <= 3; back++) {
    const from = addMonths(start, -back);
    const p = parseLocalDate(from);
    const to = formatLocalDate(p.year, p.month, Math.min(lastDay, daysInMonth(p.year, p.month)));
    for (const e of before) {
      if (!e.categoryId || e.date < from || e.date > to) continue;
      const key = `${e.currency}\u0000${e.categoryId}`;
      const s = spend.get(key) ?? { now: [], prev: [0n, 0n, 0n] };
      s.prev[back - 1] = (s.prev[back - 1] as bigint) + e.amountMinor;
      spend.set(key, s);
    }
  }
  // Months the user has any entry in (a user who started last month has no "previous three").
  const active = [1, 2, 3].map((back) => {
    const m = addMonths(start, -back).slice(0, 7);
    return input.entries.some((e) => e.date.startsWith(m));
  });
  const activeMonths = active.filter(Boolean).length;
  for (const [key, s] of spend) {
    const [currency, categoryId] = key.split('\u0000') as [string, string];
    // Two months with spending in it: a category the user just started is not a trend.
    if (activeMonths < 2 || s.prev.filter((v) => v > 0n).length < 2) continue;
    const now = s.now.reduce((a, e) => a + e.amountMinor, 0n);
    const mean = s.prev.reduce((a, v) => a + v, 0n) / BigInt(activeMonths);
    const diff = now - mean;
    if (abs(diff) < CATEGORY_MIN_UNITS * input.unit(currency)) continue;
    if (Math.abs(Number(diff)) < CATEGORY_CHANGE * Number(mean)) continue;
    const type = diff > 0n ? 'CATEGORY_UP' : 'CATEGORY_DOWN';
    found.push({
      id: findingId(userId, type, month, key),
      type,
      currency,
      amountMinor: now,
      usualMinor: mean,
      categoryId,
      merchant: null,
      date: null,
      entries: s.now,
    });
  }

  // The same merchant and amount twice within 48 hours, unless that is the user's habit (the
  // same coffee every morning: the same amount at least three times before the window).
  const dupKey = (e: DatedEntry) =>
    `${e.currency}\u0000${e.amountMinor}\u0000${normalise(e.description)}`;
  const from = addDays(start, -2);
  const habit = new Map<string, number>();
  for (const e of before) if (e.date < from) habit.set(dupKey(e), (habit.get(dupKey(e)) ?? 0) + 1);
  const seen = new Map<string, DatedEntry[]>();
  for (const e of input.entries) {
    if (e.kind !== 'EXPENSE' || e.date < from || e.date > end) continue;
    seen.set(dupKey(e), [...(seen.get(dupKey(e)) ?? []), e]);
  }
  for (const [key, group] of seen) {
    if ((habit.get(key) ?? 0) >= 3) continue;
    for (let i = 1; i < group.length; i++) {
      const a = group[i - 1] as DatedEntry;
      const b = group[i] as DatedEntry;
      if (b.date < start || toEpochDay(b.date) - toEpochDay(a.date) > 2) continue;
      found.push({
        id: findingId(userId, 'DUPLICATE_CHARGE', a.id, b.id),
        type: 'DUPLICATE_CHARGE',
        currency: b.currency,
        amountMinor: b.amountMinor,
        usualMinor: null,
        categoryId: b.categoryId,
        merchant: b.description,
        date: b.date,
        entries: [a, b],
      });
    }
  }

  // Recurring charges that cost more this month.
  const upToEnd = input.recurringHistory.filter((e) => e.date <= end);
  for (const s of detectRecurring(userId, upToEnd, end)) {
    if (s.kind !== 'EXPENSE' || s.entries.length < 2) continue;
    const last = s.entries[s.entries.length - 1] as DatedEntry;
    const prev = s.entries[s.entries.length - 2] as DatedEntry;
    if (last.date < start || last.date > end || last.amountMinor <= prev.amountMinor) continue;
    found.push({
      id: findingId(userId, 'PRICE_INCREASE', last.id),
      type: 'PRICE_INCREASE',
      currency: s.currency,
      amountMinor: last.amountMinor,
      usualMinor: prev.amountMinor,
      categoryId: s.categoryId,
      merchant: last.description,
      date: last.date,
      entries: [prev, last],
    });
  }

  // The balance going below zero ahead.
  if (running && input.forecast) {
    const { forecast, currency } = input.forecast;
    const low = forecast.points.find((p) => p.expectedMinor < 0n);
    if (low) {
      const lowest = forecast.points.reduce((a, p) => (p.expectedMinor < a.expectedMinor ? p : a));
      found.push({
        id: findingId(userId, 'LOW_BALANCE_AHEAD', month),
        type: 'LOW_BALANCE_AHEAD',
        currency,
        amountMinor: lowest.expectedMinor,
        usualMinor: forecast.balanceMinor,
        categoryId: null,
        merchant: null,
        date: low.date,
        entries: [],
      });
    }
  }
  const order: InsightType[] = [
    'LOW_BALANCE_AHEAD',
    'DUPLICATE_CHARGE',
    'UNUSUAL_EXPENSE',
    'PRICE_INCREASE',
    'CATEGORY_UP',
    'CATEGORY_DOWN',
  ];
  // Most urgent kind first; within a kind the biggest difference, then the oldest.
  const gap = (f: InsightFinding) =>
    f.usualMinor === null ? 0n : abs(f.amountMinor - f.usualMinor);
  return found.sort(
    (a, b) =>
      order.indexOf(a.type) - order.indexOf(b.type) ||
      (gap(a) > gap(b) ? -1 : gap(a) < gap(b) ? 1 : 0) ||
      (a.date ?? '').localeCompare(b.date ?? '') ||
      a.id.localeCompare(b.id),
  );
}
