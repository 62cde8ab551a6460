import { z } from 'zod';
import { baseConfigSchema, parseConfig } from '@saldo/kit';

/** The ledger's own settings, with defaults; also applied to configs built in code (tests). */
export const ledgerSettingsSchema = z.object({
  // How often the scheduler materialises recurrences and posts due occurrences; 0 turns it off.
  LEDGER_SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
});

export type LedgerSettings = z.infer<typeof ledgerSettingsSchema>;

export const configSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4002),
  ...ledgerSettingsSchema.shape,
});

export type LedgerConfig = z.infer<typeof configSchema>;

export const loadConfig = () => parseConfig(configSchema);

/** The ledger's settings from a full or partial config (tests pass only what they change). */
export function ledgerSettings(config: Partial<LedgerSettings>): LedgerSettings {
  return Object.freeze(ledgerSettingsSchema.parse(config));
}
