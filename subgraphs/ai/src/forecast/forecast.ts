/**
 * Balance forecast: today's balance carried forward day by day with
 *
 * - known future money: the user's recurring series projected (salary, rent, subscriptions:
 *   `detectRecurring`), pending entries (bills, the ledger's scheduled recurrences) and, for
 *   the liquid accounts together, what is left to pay on card invoices by their due dates;
 * - the learned pattern of everything else: the mean daily flow of the last 13 weeks that
 *   none of the above explains (day-of-week weighted, the most extreme days trimmed), with a
 *   band growing with the square root of the horizon from the spread of those days.
 *
 * Pure: the resolver and `pnpm bench:ai`'s backtest feed it the same way.
 */
import { addDays, dayOfWeek, toEpochDay, type LocalDate } from '@saldo/kit';
import { normalise } from '../categorise/normalise';
import type { DatedEntry } from '../entries/entry.repository';
import { detectRecurring, projectSeries, toleranceOf } from '../insights/recurring';

/** An entry as the forecast reads it: a DatedEntry with status, source and postings. */
export interface LedgerRow extends DatedEntry {
  status: 'POSTED' | 'PENDING';
  source: string;
  toAccountId: string | null;
  /** Signed minor units per real account; empty while PENDING. */
  postings: readonly { accountId: string; amountMinor: bigint }[];
}

/** What is left to pay on a card invoice. */
export interface InvoiceDue {
  id: string;
  month: string;
  dueDate: LocalDate;
  remainingMinor: bigint;
}

export type ForecastItemSource = 'RECURRING' | 'PENDING' | 'INVOICE';

export interface ForecastItem {
  date: LocalDate;
  /** Signed: income positive. */
  amountMinor: bigint;
  description: string;
  source: ForecastItemSource;
  /** The entry, series or invoice behind it. */
  refId: string;
}

export interface ForecastPoint {
  date: LocalDate;
  expectedMinor: bigint;
  lowMinor: bigint;
  highMinor: bigint;
}

export interface ForecastInput {
  userId: string;
  today: LocalDate;
  days: number;
  /** The accounts forecast together, all in `currency`. */
  accounts: ReadonlySet<string>;
  currency: string;
  /** Their balance now (initial balances plus every posting). */
  balanceMinor: bigint;
  /** The user's live entries: pending ones and the posted ones since `LOOKBACK_DAYS`. */
  rows: readonly LedgerRow[];
  /**
   * Card invoices to pay from these accounts (null: not known which account pays them; the
   * card payments then stay part of the learned pattern).
   */
  invoices: readonly InvoiceDue[] | null;
}

export interface Forecast {
  balanceMinor: bigint;
  points: ForecastPoint[];
  items: ForecastItem[];
  /** The learned daily flow of everything else (mean, signed). */
  dailyOtherMinor: bigint;
}

/** Days of history the pattern learns from: 13 weeks, every weekday 13 times. */
export const PATTERN_DAYS = 91;
/** The band: 80 % of outcomes in a normal spread. */
const Z = 1.2816;
/** Days trimmed at each end of the sorted daily flows (one-offs). */
const TRIM = 2;

/** The signed flow of `row` on the forecast's accounts (postings; amount by kind while pending). */
function flowOn(row: LedgerRow, accounts: ReadonlySet<string>): bigint {
  if (row.status === 'POSTED') {
    let sum = 0n;
    for (const p of row.postings) if (accounts.has(p.accountId)) sum += p.amountMinor;
    return sum;
  }
  let sum = 0n;
  if (row.kind === 'INCOME' && accounts.has(row.accountId)) sum += row.amountMinor;
  if (row.kind !== 'INCOME' && accounts.has(row.accountId)) sum -= row.amountMinor;
  if (row.kind === 'TRANSFER' && row.toAccountId && accounts.has(row.toAccountId)) {
    sum += row.amountMinor;
  }
  return sum;
}

/** Initial balances plus every posting of `rows` on `accounts`. */
export function balanceOf(
  rows: readonly LedgerRow[],
  accounts: ReadonlySet<string>,
  initialMinor: bigint,
): bigint {
  let balance = initialMinor;
  for (const row of rows) if (row.status === 'POSTED') balance += flowOn(row, accounts);
  return balance;
}

const signed = (kind: DatedEntry['kind'], minor: bigint) => (kind === 'INCOME' ? minor : -minor);

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

function spread(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / (values.length - 1));
}

export function forecastBalance(input: ForecastInput): Forecast {
  const { today, accounts, currency } = input;
  const end = addDays(today, input.days);
  const balance = input.balanceMinor;

  // Known future money.
  const items: ForecastItem[] = [];
  const tomorrow = addDays(today, 1);
  const pending = input.rows.filter(
    (r) => r.status === 'PENDING' && r.currency === currency && r.date <= end,
  );
  for (const r of pending) {
    const amount = flowOn(r, accounts);
    if (amount === 0n) continue;
    items.push({
      date: r.date < tomorrow ? tomorrow : r.date,
      amountMinor: amount,
      description: r.description,
      source: 'PENDING',
      refId: r.id,
    });
  }
  const posted = input.rows.filter(
    (r) => r.status === 'POSTED' && r.currency === currency && r.date <= today,
  );
  const series = detectRecurring(input.userId, posted, today).filter((s) =>
    accounts.has(s.accountId),
  );
  const explained = new Set<string>();
  for (const s of series) {
    for (const e of s.entries) explained.add(e.id);
    const tolerance = toleranceOf(s.interval);
    for (const date of projectSeries(s, end)) {
      // A pending entry of the same merchant near that date is this occurrence, already known.
      const booked = pending.some(
        (p) =>
          p.kind === s.kind &&
          Math.abs(toEpochDay(p.date) - toEpochDay(date)) <= tolerance &&
          normalise(p.description) === s.merchant,
      );
      if (booked) continue;
      items.push({
        date: date < tomorrow ? tomorrow : date,
        amountMinor: signed(s.kind, s.nextMinor),
        description: s.description,
        source: 'RECURRING',
        refId: s.id,
      });
    }
  }
  if (input.invoices) {
    for (const inv of input.invoices) {
      if (inv.remainingMinor <= 0n || inv.dueDate > end) continue;
      items.push({
        date: inv.dueDate < tomorrow ? tomorrow : inv.dueDate,
        amountMinor: -inv.remainingMinor,
        description: inv.month,
        source: 'INVOICE',
        refId: inv.id,
      });
    }
  }
  items.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  // The learned pattern: the last 13 complete weeks' daily flows nothing above explains.
  const from = addDays(today, -PATTERN_DAYS);
  const daily = new Map<LocalDate, number>();
  for (let d = from; d < today; d = addDays(d, 1)) daily.set(d, 0);
  for (const r of posted) {
    if (r.date < from || r.date >= today || explained.has(r.id)) continue;
    // Card payments are the invoices above when those are known.
    if (input.invoices && r.source === 'CARDS') continue;
    const f = flowOn(r, accounts);
    if (f !== 0n) daily.set(r.date, (daily.get(r.date) ?? 0) + Number(f));
  }
  const days = [...daily.entries()];
  const sorted = days.map(([, v]) => v).sort((a, b) => a - b);
  const trimmed = sorted.length > 4 * TRIM ? sorted.slice(TRIM, sorted.length - TRIM) : sorted;
  const overall = mean(trimmed);
  const low = sorted[TRIM] ?? 0;
  const high = sorted[sorted.length - 1 - TRIM] ?? 0;
  const byWeekday = Array.from({ length: 7 }, (_, w) =>
    mean(days.filter(([d]) => dayOfWeek(d) === w).map(([, v]) => Math.min(high, Math.max(low, v)))),
  );
  // Half the weekday's own mean, half the overall: 13 samples per weekday are few.
  const expectedOn = (d: LocalDate) => 0.5 * overall + 0.5 * (byWeekday[dayOfWeek(d)] ?? 0);
  // The spread of every day, one-offs included: they happen.
  const sigma = spread(sorted);

  const points: ForecastPoint[] = [
    { date: today, expectedMinor: balance, lowMinor: balance, highMinor: balance },
  ];
  let known = balance;
  let other = 0;
  let next = 0;
  for (let t = 1; t <= input.days; t++) {
    const date = addDays(today, t);
    while (next < items.length && (items[next] as ForecastItem).date <= date) {
      known += (items[next] as ForecastItem).amountMinor;
      next++;
    }
    other += expectedOn(date);
    const band = Z * sigma * Math.sqrt(t);
    const expected = known + BigInt(Math.round(other));
    points.push({
      date,
      expectedMinor: expected,
      lowMinor: expected - BigInt(Math.round(band)),
      highMinor: expected + BigInt(Math.round(band)),
    });
  }
  return { balanceMinor: balance, points, items, dailyOtherMinor: BigInt(Math.round(overall)) };
}
