import { z } from 'zod';
import { baseConfigSchema, parseConfig } from '@saldo/kit';

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const configSchema = baseConfigSchema
  .omit({ DATABASE_URL: true, DATABASE_POOL_MAX: true, INTERNAL_JWT_PUBLIC_KEY: true })
  .extend({
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    // The router's own key: it signs the identity every subgraph request carries.
    INTERNAL_JWT_PRIVATE_KEY: z.string().min(1),
    INTERNAL_TOKEN_TTL_SECONDS: z.coerce.number().int().min(10).max(300).default(60),
    SUPERGRAPH_PATH: z.string().optional(),
    // The built dashboard served at `/`; defaults to clients/dashboard/dist in the workspace.
    DASHBOARD_DIR: z.string().optional(),
    // `identity=http://identity:4001/graphql,ledger=...`: overrides the composed URLs.
    SUBGRAPH_URLS: z.string().default(''),
    ACCESS_TOKEN_ISSUER: z.string().default('saldo-identity'),
    ACCESS_TOKEN_AUDIENCE: z.string().default('saldo'),
    API_KEY_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
    // Identical reads by one caller in flight together share a subgraph round trip.
    DEDUPE_SUBGRAPH_READS: flag.default(true),
    SUBGRAPH_CONNECTIONS: z.coerce.number().int().min(1).max(1024).default(64),
    QUERY_PLAN_CACHE_MB: z.coerce.number().int().min(1).max(4096).default(64),
    MAX_DEPTH: z.coerce.number().int().min(1).default(12),
    MAX_ALIASES: z.coerce.number().int().min(0).default(20),
    MAX_TOKENS: z.coerce.number().int().min(10).default(2000),
    MAX_COST: z.coerce.number().int().min(1).default(10_000),
    MAX_DIRECTIVES: z.coerce.number().int().min(0).default(30),
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
    // POST /uploads: largest statement file streamed to the import subgraph (413 above it).
    UPLOAD_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(20 * 1024 * 1024),
    // POST /uploads?purpose=billing: largest charge file streamed to billing (a 1M-row file is ~80 MB).
    BILLING_UPLOAD_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(256 * 1024 * 1024),
    ALLOW_BATCHED_REQUESTS: flag.default(false),
    RATE_LIMIT_PER_SECOND: z.coerce.number().min(0).default(50),
    RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(200),
    SUBSCRIPTION_BUFFER: z.coerce.number().int().min(1).max(10_000).default(100),
    WS_MAX_BUFFERED_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  });

export type RouterConfig = z.infer<typeof configSchema>;

export const loadConfig = () => parseConfig(configSchema);
