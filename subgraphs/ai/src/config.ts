import { z } from 'zod';
import { baseConfigSchema, parseConfig } from '@saldo/kit';

/** The ai subgraph's own settings, with defaults; also applied to configs built in code (tests). */
export const aiSettingsSchema = z.object({
  // A model or merchant suggestion is given only at or above this confidence (0..1); below it
  // the answer is null (abstain). Calibrated on the generated evaluation set (see README).
  AI_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.7),
  // An OpenAI-compatible provider (all three set) writes the monthly report's prose around
  // the numbers ai computed; unset: the built-in template. Nothing else leaves the machine.
  AI_BASE_URL: z.url().optional(),
  AI_API_KEY: z.string().min(1).optional(),
  AI_MODEL: z.string().min(1).optional(),
  AI_PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).default(20_000),
  // Provider-written reports per user per 24 hours; past it, the template writes them.
  AI_PROVIDER_REPORTS_PER_DAY: z.coerce.number().int().min(0).default(5),
  // How often the report worker looks for pending reports besides being woken (ms).
  AI_REPORT_POLL_MS: z.coerce.number().int().min(50).default(5_000),
});

export type AiSettings = z.infer<typeof aiSettingsSchema>;

export const configSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4007),
  ...aiSettingsSchema.shape,
});

export type AiConfig = z.infer<typeof configSchema>;

export const loadConfig = () => parseConfig(configSchema);

/** The settings from a full or partial config (tests pass only what they change). */
export function aiSettings(config: Partial<AiSettings>): AiSettings {
  return Object.freeze(aiSettingsSchema.parse(config));
}
