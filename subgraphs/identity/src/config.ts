import { z } from 'zod';
import { baseConfigSchema, parseConfig } from '@saldo/kit';

const seconds = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** Identity's own settings, with their defaults; also applied to configs built in code (tests). */
export const identitySettingsSchema = z.object({
  // Access tokens live at most 15 minutes: the router cannot revoke them.
  ACCESS_TOKEN_TTL_SECONDS: seconds(1, 900, 900),
  REFRESH_TOKEN_TTL_SECONDS: seconds(60, 400 * 86_400, 30 * 86_400),
  PASSWORD_RESET_TTL_SECONDS: seconds(60, 86_400, 1_800),
  // A new key is published this long before it signs, so routers that cached the JWKS
  // (60 s max-age, plus their own refetch cool-down) know it before its first token.
  SIGNING_KEY_ACTIVATION_DELAY_SECONDS: seconds(0, 86_400, 120),
  // A rotated-out key stays published for the access-token TTL plus this margin (clock skew).
  SIGNING_KEY_RETIRE_MARGIN_SECONDS: seconds(0, 86_400, 300),
  // Encrypts signing private keys at rest (AES-256-GCM); required in production.
  SIGNING_KEY_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  THROTTLE_EMAIL_MAX_FAILURES: z.coerce.number().int().min(2).max(1_000).default(10),
  THROTTLE_IP_MAX_FAILURES: z.coerce.number().int().min(2).max(100_000).default(100),
  THROTTLE_LOCKOUT_SECONDS: seconds(1, 86_400, 900),
  API_KEYS_PER_USER: z.coerce.number().int().min(1).max(1_000).default(20),
});

export type IdentitySettings = z.infer<typeof identitySettingsSchema>;

export const configSchema = baseConfigSchema
  .extend({
    PORT: z.coerce.number().int().min(0).max(65535).default(4001),
    ...identitySettingsSchema.shape,
  })
  .refine((c) => c.NODE_ENV !== 'production' || c.SIGNING_KEY_SECRET !== undefined, {
    path: ['SIGNING_KEY_SECRET'],
    message: 'required in production (signing keys are encrypted at rest with it)',
  });

export type IdentityConfig = z.infer<typeof configSchema>;

export const loadConfig = () => parseConfig(configSchema);

/** Identity's settings from a full or partial config (tests pass only what they change). */
export function identitySettings(config: Partial<IdentitySettings>): IdentitySettings {
  return Object.freeze(identitySettingsSchema.parse(config));
}
