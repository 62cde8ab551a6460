import { z } from 'zod';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment once through a schema and freezes the result.
 * Every bad variable is listed in one error so an operator fixes them in one go.
 */
export function parseConfig<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): Readonly<z.infer<S>> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  return Object.freeze(result.data);
}

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

/** Settings every service shares; a subgraph extends this with its own. */
export const baseConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.url().default('postgres://postgres@127.0.0.1:5432/postgres'),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  // Overrides the subgraph's own database name (`saldo_<name>`), e.g. for a second environment.
  DATABASE_NAME: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lowercase letters, digits and _')
    .optional(),
  NATS_URL: z.string().min(1).default('nats://127.0.0.1:4222'),
  // Prefixes stream names and subjects; lets tests and side-by-side environments share one NATS.
  NATS_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9_]*$/, 'lowercase letters, digits and _ only')
    .default(''),
  // The router's public key (SPKI PEM, or its base64) that signs the internal identity JWT.
  INTERNAL_JWT_PUBLIC_KEY: z.string().min(1),
  INTERNAL_JWT_ISSUER: z.string().default('saldo-router'),
  EXPOSE_INTROSPECTION: booleanFromEnv.optional(),
});

export type BaseConfig = z.infer<typeof baseConfigSchema>;

/** Turns a base64-wrapped PEM (handy in env files) back into PEM; PEM passes through. */
export function decodePem(value: string): string {
  const trimmed = value.trim();
  if (trimmed.startsWith('-----BEGIN')) return trimmed.replace(/\\n/g, '\n');
  return Buffer.from(trimmed, 'base64').toString('utf8');
}
