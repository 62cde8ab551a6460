import { z } from 'zod';
import { baseConfigSchema, parseConfig } from '@saldo/kit';

/** The billing subgraph's own settings, with defaults; also applied to configs built in code (tests). */
export const billingSettingsSchema = z.object({
  // Base of the links in payers' emails (the router serves `/billing/...`).
  BILLING_PUBLIC_URL: z.url().default('http://localhost:4000'),
  // 32+ characters of random: the HMAC-SHA256 key of the boleto PDF links.
  // Required in production; development and tests use a fixed one.
  BILLING_LINK_SECRET: z.string().min(32).optional(),
  // How long a PDF link in an email stays valid.
  BILLING_LINK_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(60),
  // The PIX BR Code's merchant city (EMV tag 60); the profile has no address yet.
  BILLING_PIX_MERCHANT_CITY: z.string().min(1).max(15).default('SAO PAULO'),
  // How often charges past their due date turn OVERDUE; 0 = off.
  BILLING_OVERDUE_INTERVAL_MS: z.coerce.number().int().min(0).default(3_600_000),
  // The largest charge file accepted (a 1M-row file is ~80 MB); larger is 413.
  BILLING_MAX_FILE_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(256 * 1024 * 1024),
  // Uploaded files are removed after this many days (or with their batch).
  BILLING_FILE_TTL_DAYS: z.coerce.number().int().min(1).default(30),
  // How often expired files are removed; 0 = off.
  BILLING_FILE_SWEEP_INTERVAL_MS: z.coerce.number().int().min(0).default(3_600_000),
  // Rows per chunk of an imported file (one chunk event, one transaction).
  BILLING_CHUNK_ROWS: z.coerce.number().int().min(1).max(50_000).default(2000),
  // Whether this process works on batches (splits files, processes chunks); every replica
  // that does shares the same durable consumers, so each chunk goes to one of them.
  BILLING_WORKERS: z
    .union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])
    .default(true),
  // Chunks one process works on at once.
  BILLING_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  // A chunk not acknowledged within this long is handed to another replica (its worker is
  // presumed dead); the inbox makes a late second copy change nothing.
  BILLING_CHUNK_ACK_WAIT_MS: z.coerce.number().int().min(500).default(60_000),
  // Locale of the payers' emails.
  BILLING_EMAIL_LOCALE: z.string().default('pt-BR'),
});

export type BillingSettings = z.infer<typeof billingSettingsSchema>;

export const configSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4008),
  ...billingSettingsSchema.shape,
});

export type BillingConfig = z.infer<typeof configSchema>;

export const loadConfig = () => parseConfig(configSchema);

const DEVELOPMENT_LINK_SECRET = 'saldo-billing-development-link-secret-not-for-production';

/** The settings from a full or partial config (tests pass only what they change). */
export function billingSettings(
  config: Partial<BillingSettings> & { NODE_ENV?: string },
): BillingSettings & { linkSecret: string } {
  const { NODE_ENV, ...rest } = config;
  const parsed = billingSettingsSchema.parse(rest);
  if (NODE_ENV === 'production' && !parsed.BILLING_LINK_SECRET) {
    throw new Error('BILLING_LINK_SECRET is required in production');
  }
  return Object.freeze({
    ...parsed,
    linkSecret: parsed.BILLING_LINK_SECRET ?? DEVELOPMENT_LINK_SECRET,
  });
}

export type Settings = ReturnType<typeof billingSettings>;
