/**
 * `pnpm bench:ai`: (1) backtests the balance forecast on a generated multi-year household
 * (bench/household.ts, fixed seed) against two naive baselines measured on the same origins:
 * the last 30 days repeated, and a flat balance; (2) categorisation figures on the generated
 * labelled set (src/categorise/evaluation.ts): cold start and after 200 of a user's entries,
 * precision when answering, p99 latency per suggestion, training time for 10,000 entries;
 * (3) event throughput: a running ai subgraph (own database and NATS namespace) consuming
 * 10,000 `ledger.entry.created` of 50 users (half uncategorised, so auto-categorise runs).
 * One JSON row per part on stdout.
 */
import 'reflect-metadata';
import { addDays, createEnvelope, newId, type Envelope, type LocalDate } from '@saldo/kit';
import { handledCount, publishEvents, startTestSubgraph } from '@saldo/kit/testing';
import { startAi, type Ai } from '../src/app';
import type { AiConfig } from '../src/config';
import { generateLines, score } from '../src/categorise/evaluation';
import type { DefaultCategory } from '../src/categorise/categories';
import { CategoryModel } from '../src/categorise/model';
import { coldStart } from '../src/categorise/suggestion.service';
import { balanceOf, forecastBalance, type LedgerRow } from '../src/forecast/forecast';
import { LOOKBACK_DAYS } from '../src/insights/recurring';
import { CHECKING, generateHousehold, invoicesKnownOn } from './household';

const HORIZON = 30;
const THRESHOLD = 0.7;
const accounts = new Set([CHECKING]);
const round = (x: number, d = 4) => Number(x.toFixed(d));
let peakRss = process.memoryUsage().rss;
const sampleRss = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

function backtest() {
  const from = '2023-01-01';
  const to = '2026-11-30';
  const household = generateHousehold(from, to);
  const { rows, initialMinor } = household;
  // The balance at the end of each day.
  const endOfDay = new Map<LocalDate, number>();
  let balance = initialMinor;
  let i = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) {
    for (; i < rows.length && (rows[i] as LedgerRow).date <= d; i++) {
      for (const p of (rows[i] as LedgerRow).postings) {
        if (accounts.has(p.accountId)) balance += p.amountMinor;
      }
    }
    endOfDay.set(d, Number(balance));
  }
  const at = (d: LocalDate) => endOfDay.get(d) as number;

  const errors = { model: [] as number[], last30: [] as number[], flat: [] as number[] };
  let coverage80 = 0;
  let points = 0;
  let origins = 0;
  const started = performance.now();
  // Weekly origins over the last 18 months, each with at least two years of history.
  for (let today = '2025-05-05'; addDays(today, HORIZON) <= to; today = addDays(today, 7)) {
    origins++;
    const known = rows.filter((r) => r.date <= today);
    const recent = known.filter((r) => r.date >= addDays(today, -LOOKBACK_DAYS));
    const f = forecastBalance({
      userId: 'household',
      today,
      days: HORIZON,
      accounts,
      currency: 'BRL',
      balanceMinor: balanceOf(known, accounts, initialMinor),
      rows: recent,
      invoices: invoicesKnownOn(household, today, HORIZON),
    });
    const b0 = at(today);
    const base30 = at(addDays(today, -30));
    for (let k = 1; k <= HORIZON; k++) {
      const day = addDays(today, k);
      const actual = at(day);
      const point = f.points[k];
      if (!point) throw new Error(`no forecast point ${k} for ${today}`);
      const ape = (predicted: number) => Math.abs(predicted - actual) / Math.abs(actual);
      errors.model.push(ape(Number(point.expectedMinor)));
      errors.last30.push(ape(b0 + (at(addDays(today, k - 30)) - base30)));
      errors.flat.push(ape(b0));
      if (actual >= Number(point.lowMinor) && actual <= Number(point.highMinor)) coverage80++;
      points++;
    }
    sampleRss();
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const mape = mean(errors.model);
  const last30 = mean(errors.last30);
  const flat = mean(errors.flat);
  return {
    case: 'forecast backtest',
    household_entries: rows.length,
    origins,
    horizon_days: HORIZON,
    mape: round(mape),
    naive_last30_mape: round(last30),
    flat_mape: round(flat),
    mape_over_best_naive: round(mape / Math.min(last30, flat), 3),
    band80_coverage: round(coverage80 / points, 3),
    forecast_ms_per_origin: round((performance.now() - started) / origins, 2),
  };
}

function categorisation() {
  const heldOut = generateLines(2000, 2);
  const known = heldOut.filter((l) => l.wellKnown);
  const predictWith = (model: CategoryModel) => (l: (typeof heldOut)[number]) =>
    model.predict(l, THRESHOLD)?.categoryId ?? null;
  // Cold start: no history, the ledger's default categories (the evaluation set's own
  // category names stand for the user's ids; those without a ledger default get nothing).
  const defaults = new Map<string, DefaultCategory>(
    (
      [
        ['dining', 'food', 'EXPENSE'],
        ['groceries', 'groceries', 'EXPENSE'],
        ['transport', 'transport', 'EXPENSE'],
        ['subscriptions', 'subscriptions', 'EXPENSE'],
        ['health', 'health', 'EXPENSE'],
        ['bills', 'bills', 'EXPENSE'],
        ['taxes', 'fees', 'EXPENSE'],
        ['shopping', 'shopping', 'EXPENSE'],
        ['salary', 'salary', 'INCOME'],
      ] as const
    ).map(([key, id, kind]) => [key, { id, kind }]),
  );
  const cold = (l: (typeof heldOut)[number]) => coldStart(l, defaults)?.categoryId ?? null;
  const coldAll = score(heldOut, cold);
  const coldKnown = score(known, cold);
  const trained = CategoryModel.train(generateLines(200, 1));
  const after = score(heldOut, predictWith(trained));

  const latencies: number[] = [];
  for (const l of heldOut) {
    const t0 = performance.now();
    trained.predict(l, THRESHOLD);
    latencies.push(performance.now() - t0);
  }
  const big = generateLines(10_000, 3);
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    CategoryModel.train(big);
    runs.push(performance.now() - t0);
  }
  sampleRss();
  return {
    case: 'categorisation',
    held_out_lines: heldOut.length,
    threshold: THRESHOLD,
    cold_top1: round(coldAll.top1),
    cold_coverage: round(coldAll.coverage),
    cold_precision: round(coldAll.precision),
    cold_known_merchants_top1: round(coldKnown.top1),
    cold_known_merchants_precision: round(coldKnown.precision),
    after200_top1: round(after.top1),
    after200_coverage: round(after.coverage),
    after200_precision: round(after.precision),
    suggest_p50_ms: round(percentile(latencies, 50), 4),
    suggest_p99_ms: round(percentile(latencies, 99), 4),
    train_10000_ms_median: round(percentile(runs, 50), 1),
  };
}

async function events() {
  const EVENTS = 10_000;
  const USERS = 50;
  const t = await startTestSubgraph<Ai, AiConfig>('ai_bench', (c, db) => startAi(c, db), {
    AI_REPORT_POLL_MS: 60_000,
  });
  try {
    const users = Array.from({ length: USERS }, () => ({
      id: newId(),
      account: newId(),
      dining: newId(),
      groceries: newId(),
    }));
    const setup: Envelope[] = users.flatMap((u) =>
      (
        [
          [u.dining, 'Restaurantes', 'dining'],
          [u.groceries, 'Mercado', 'groceries'],
        ] as const
      ).map(([id, name, key]) =>
        createEnvelope('ledger.category.created', u.id, {
          category: {
            id,
            userId: u.id,
            name,
            kind: 'EXPENSE',
            parentId: null,
            archived: false,
            defaultKey: key,
          },
        }),
      ),
    );
    await publishEvents(t.subgraph, setup);
    const lines = generateLines(EVENTS, 7);
    const envelopes = lines.map((l, i) => {
      const u = users[i % USERS] as (typeof users)[number];
      const categorised = i % 2 === 0;
      return createEnvelope('ledger.entry.created', u.id, {
        entry: {
          id: newId(),
          userId: u.id,
          version: 1,
          kind: l.kind,
          status: 'POSTED',
          amount: { amount: (Number(l.amountMinor) / 100).toFixed(2), currency: 'BRL' },
          toAmount: null,
          date: '2026-11-20',
          dueDate: null,
          description: l.description,
          accountId: u.account,
          toAccountId: null,
          categoryId: categorised ? (l.categoryId === 'groceries' ? u.groceries : u.dining) : null,
          tags: [],
          source: 'IMPORT',
          externalId: null,
          postings: [],
          deleted: false,
          updatedAt: new Date().toISOString(),
        },
      });
    });
    const total = setup.length + envelopes.length;
    const started = performance.now();
    await publishEvents(t.subgraph, envelopes);
    while ((await handledCount(t.subgraph)) < total) {
      sampleRss();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const seconds = (performance.now() - started) / 1000;
    const [row] = await t.query<{ n: string }>(
      `select count(*) as n from kit_outbox where subject = 'ai.entry.categorised'`,
    );
    return {
      case: 'events',
      events: EVENTS,
      users: USERS,
      events_per_s: Math.round(EVENTS / seconds),
      seconds: round(seconds, 2),
      auto_categorised: Number(row?.n ?? 0),
      uncategorised_seen: EVENTS / 2,
    };
  } finally {
    await t.cleanup();
  }
}

async function main() {
  for (const row of [backtest(), categorisation(), await events()]) {
    process.stdout.write(`${JSON.stringify(row)}\n`);
  }
  process.stdout.write(
    `${JSON.stringify({ case: 'memory', peak_rss_mb: round(peakRss / 2 ** 20, 1) })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
