import { z } from 'zod';
import { baseConfigSchema, parseConfig } from '@saldo/kit';

/** The ai subgraph's own settings, with defaults; also applied to configs built in code (tests). */
export const aiSettingsSchema = z.object({
  // A model or merchant suggestion is given only at or above this confidence (0..1); below it
  // the answer is null (abstain). Calibrated on the generated evaluation set (see README).
  AI_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.7),
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
