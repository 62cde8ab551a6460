import { z } from 'zod';
import { baseConfigSchema, parseConfig } from '@saldo/kit';

// Env strings, or the parsed value again when a full config is re-read (tests build configs).
const flag = z.union([
  z.boolean(),
  z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1'),
]);

/** "0,5000,300000": delays in ms before attempt 1, 2, 3...; its length is the attempt count. */
const schedule = z.union([
  z.array(z.number().int().min(0)).min(1),
  z
    .string()
    .regex(/^\d+(,\d+)*$/, 'comma-separated milliseconds')
    .transform((v) => v.split(',').map(Number)),
]);

// Svix's schedule: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (about a day and a half).
const SVIX = '0,5000,300000,1800000,7200000,18000000,36000000,36000000';

/** The notifications subgraph's own settings, with defaults; also applied to configs built in code. */
export const notificationsSettingsSchema = z.object({
  // SMTP server for email (smtp://user:pass@host:port, smtps:// for TLS). `pnpm start` runs a
  // local mail catcher on 1025 when unset.
  SMTP_URL: z.string().default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().default('Saldo <no-reply@saldo.local>'),
  // Where links in emails point (password reset, unsubscribe).
  PUBLIC_APP_URL: z.url().default('http://127.0.0.1:4000'),
  // `{token}` is replaced by the reset token; the token is never stored in the inbox or logged.
  PASSWORD_RESET_URL: z.string().default('http://127.0.0.1:4000/reset-password?token={token}'),
  // Delivery worker: how often it looks for due deliveries (it is also woken after each commit).
  DISPATCH_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  // How often final charge-email outcomes are reported back to billing (batched by beneficiary).
  CHARGE_REPORT_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  DISPATCH_BATCH: z.coerce.number().int().min(1).max(1000).default(100),
  // A claimed delivery not recorded within this long is tried again (the worker died mid-send).
  DELIVERY_LEASE_MS: z.coerce.number().int().min(1000).default(120_000),
  CHANNEL_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  // Email, push and WhatsApp retries; webhooks follow Svix's schedule.
  RETRY_SCHEDULE_MS: schedule.default(schedule.parse('0,5000,30000,120000,600000,1800000,3600000')),
  WEBHOOK_RETRY_SCHEDULE_MS: schedule.default(schedule.parse(SVIX)),
  // An endpoint is disabled after this many deliveries in a row failed for good.
  WEBHOOK_DISABLE_AFTER_FAILURES: z.coerce.number().int().min(1).default(5),
  // Private, loopback and link-local webhook/push/WhatsApp targets; allowed outside production.
  ALLOW_PRIVATE_TARGETS: flag.optional(),
  // 32+ characters of random (e.g. openssl rand -base64 32): the AES-256-GCM key that seals
  // webhook secrets and the VAPID private key is derived from it (HKDF-SHA256).
  // Required in production; development and tests derive a fixed one.
  NOTIFICATIONS_SECRET_KEY: z.string().optional(),
  VAPID_SUBJECT: z.string().default('mailto:admin@saldo.local'),
  // Used instead of the stored generated pair when both are set (base64url, as web-push makes them).
  VAPID_PUBLIC_KEY: z.string().optional(),
  VAPID_PRIVATE_KEY: z.string().optional(),
  WHATSAPP_API_URL: z.url().default('https://graph.facebook.com/v21.0'),
  WHATSAPP_TOKEN: z.string().optional(),
  WHATSAPP_PHONE_NUMBER_ID: z.string().optional(),
  // Approved template used outside the 24 h window: one body parameter, the message text.
  WHATSAPP_TEMPLATE: z.string().default('saldo_notification'),
  // Inbound webhook (/whatsapp/webhook): Meta's app secret signs it (X-Hub-Signature-256);
  // the verify token answers Meta's subscription check.
  WHATSAPP_APP_SECRET: z.string().optional(),
  WHATSAPP_VERIFY_TOKEN: z.string().optional(),
  // How often bills due soon and daily summaries are looked for; 0 = off.
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(0).default(300_000),
});

export type NotificationsSettings = z.infer<typeof notificationsSettingsSchema>;

export const configSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4006),
  ...notificationsSettingsSchema.shape,
});

export type NotificationsConfig = z.infer<typeof configSchema>;

export const loadConfig = () => parseConfig(configSchema);

/** The settings from a full or partial config (tests pass only what they change). */
export function notificationsSettings(
  config: Partial<NotificationsSettings> & { NODE_ENV?: string },
): NotificationsSettings & { production: boolean; allowPrivateTargets: boolean } {
  const { NODE_ENV, ...rest } = config;
  const parsed = notificationsSettingsSchema.parse(rest);
  const production = NODE_ENV === 'production';
  if (production && !parsed.NOTIFICATIONS_SECRET_KEY) {
    throw new Error('NOTIFICATIONS_SECRET_KEY is required in production');
  }
  return Object.freeze({
    ...parsed,
    production,
    allowPrivateTargets: parsed.ALLOW_PRIVATE_TARGETS ?? !production,
  });
}

export type Settings = ReturnType<typeof notificationsSettings>;
