import { z } from 'zod';
import { baseConfigSchema, parseConfig } from '@saldo/kit';

/** The cards subgraph's own settings, with defaults; also applied to configs built in code (tests). */
export const cardsSettingsSchema = z.object({
  // How often the scheduler closes invoices, marks overdue ones and sends due-soon notices; 0 = off.
  CARDS_SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  // `cards.invoice.due_soon` goes out this many days before an invoice's due date (once).
  DUE_SOON_DAYS: z.coerce.number().int().min(0).max(31).default(3),
});

export type CardsSettings = z.infer<typeof cardsSettingsSchema>;

export const configSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4004),
  ...cardsSettingsSchema.shape,
});

export type CardsConfig = z.infer<typeof configSchema>;

export const loadConfig = () => parseConfig(configSchema);

/** The settings from a full or partial config (tests pass only what they change). */
export function cardsSettings(config: Partial<CardsSettings>): CardsSettings {
  return Object.freeze(cardsSettingsSchema.parse(config));
}
