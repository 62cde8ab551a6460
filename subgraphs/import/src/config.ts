import { z } from 'zod';
import { baseConfigSchema, parseConfig } from '@saldo/kit';

/** The import subgraph's own settings, with defaults; also applied to configs built in code (tests). */
export const importSettingsSchema = z.object({
  // Largest file accepted (the router caps uploads with its own UPLOAD_MAX_BYTES first).
  IMPORT_MAX_FILE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(20 * 1024 * 1024),
  // Uploaded files not used by a job are removed after this many days.
  IMPORT_FILE_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  // How often expired files are removed; 0 = off.
  IMPORT_SWEEP_INTERVAL_MS: z.coerce.number().int().min(0).default(3_600_000),
  // Rows per `import.rows.confirmed` event (the ledger books a chunk in one transaction).
  IMPORT_CHUNK_ROWS: z.coerce.number().int().min(1).max(1000).default(1000),
  // Caps on untrusted files, passed to the parsers.
  IMPORT_MAX_ROWS: z.coerce.number().int().min(1).default(200_000),
  IMPORT_MAX_LINE_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  // A parse attempt holds its job this long; a job still PARSING after that (its process died)
  // is parsed again by any import process.
  IMPORT_PARSE_LEASE_MS: z.coerce.number().int().min(100).default(120_000),
  // How often expired parse leases are looked for (and once on start); 0 = off.
  IMPORT_PARSE_RECOVERY_MS: z.coerce.number().int().min(0).default(30_000),
  // Attempts (the first included) before a job that keeps dying mid-parse turns FAILED.
  IMPORT_PARSE_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
});

export type ImportSettings = z.infer<typeof importSettingsSchema>;

export const configSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4005),
  ...importSettingsSchema.shape,
});

export type ImportConfig = z.infer<typeof configSchema>;

export const loadConfig = () => parseConfig(configSchema);

/** The settings from a full or partial config (tests pass only what they change). */
export function importSettings(config: Partial<ImportSettings>): ImportSettings {
  return Object.freeze(importSettingsSchema.parse(config));
}
