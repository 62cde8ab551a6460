import { z } from 'zod';
import { baseConfigSchema, parseConfig } from '@saldo/kit';

const int = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** Consolidation's own settings, with their defaults; also applied to configs built in code (tests). */
export const consolidationSettingsSchema = z.object({
  // Local wall-clock time at which the previous day closes, in each user's time zone.
  CLOSE_AT: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour')
    .default('08:30'),
  // A day closes no earlier than this long after it ended; a reopened day this long after the reopen.
  SETTLE_DELAY_MINUTES: int(0, 24 * 60, 30),
  // How often the close scheduler looks for due days; 0 turns it off (tests drive it by hand).
  CLOSE_CHECK_INTERVAL_SECONDS: int(0, 3_600, 60),
  // How often changed account-days are published as consolidation.daily_balance.updated; 0 = off.
  EMIT_INTERVAL_MS: int(0, 60_000, 500),
  EMIT_BATCH_SIZE: int(1, 10_000, 2_000),
  // The emitter waits while the consumer is further behind than this (catching up).
  EMIT_PAUSE_LAG: int(0, 10_000_000, 5_000),
  // Longest `from..to` range (days, inclusive) a query accepts; cash flow counts periods instead.
  MAX_RANGE_DAYS: int(1, 3_660, 366),
  // Events per consumer transaction (the kit's EventConsumer batchSize).
  CONSUMER_BATCH_SIZE: int(1, 5_000, 1_000),
  // Consumer batches in the database at once: the projection's batches commute (entry
  // locks, additive sums), so two keep both the database and this process busy.
  CONSUMER_CONCURRENCY: int(1, 8, 2),
  // Events per transaction while rebuilding from the stream.
  REBUILD_BATCH_SIZE: int(100, 50_000, 5_000),
  // `pnpm verify`: the ledger subgraph, reached with internal tokens signed by the router's key...
  LEDGER_URL: z.url().default('http://127.0.0.1:4002/graphql'),
  INTERNAL_JWT_PRIVATE_KEY: z.string().min(1).optional(),
  // ...or the router with one user's token (checks that user's accounts only).
  ROUTER_URL: z.url().optional(),
  ROUTER_TOKEN: z.string().min(1).optional(),
});

export type ConsolidationSettings = z.infer<typeof consolidationSettingsSchema>;

export const configSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4003),
  ...consolidationSettingsSchema.shape,
});

export type ConsolidationConfig = z.infer<typeof configSchema>;

export const loadConfig = () => parseConfig(configSchema);

/** Consolidation's settings from a full or partial config (tests pass only what they change). */
export function consolidationSettings(
  config: Partial<ConsolidationSettings>,
): ConsolidationSettings {
  return Object.freeze(consolidationSettingsSchema.parse(config));
}

/** `"08:30"` -> `{ hour: 8, minute: 30 }`. */
export function clockTime(hhmm: string): { hour: number; minute: number } {
  const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
  return { hour, minute };
}
