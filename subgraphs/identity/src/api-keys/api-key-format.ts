import { randomBytes } from 'node:crypto';
import { badInput, Scope } from '@saldo/kit';
import { randomToken } from '../crypto/secrets';

/** What a partner key may be granted: user data scopes, never `profile`, `admin` or `router`. */
export const API_KEY_SCOPES: readonly string[] = [
  Scope.LEDGER_READ,
  Scope.LEDGER_WRITE,
  Scope.CARDS_READ,
  Scope.CARDS_WRITE,
  Scope.IMPORT_READ,
  Scope.IMPORT_WRITE,
  Scope.BILLING_READ,
  Scope.BILLING_WRITE,
];

// `saldo_<12 hex: prefix, stored in clear to find the row>_<43 chars: 256 random bits>`.
const FORMAT = /^saldo_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface NewApiKey {
  prefix: string;
  /** The whole key, shown once. */
  secret: string;
}

export function generateApiKey(): NewApiKey {
  const prefix = randomBytes(6).toString('hex');
  return { prefix, secret: `saldo_${prefix}_${randomToken(32)}` };
}

/** The prefix of a well-formed key, or null. */
export function apiKeyPrefix(secret: string): string | null {
  return FORMAT.exec(secret)?.[1] ?? null;
}

/** Distinct, known scopes in catalogue order; BAD_USER_INPUT otherwise. */
export function parseScopes(requested: readonly string[]): string[] {
  const unknown = requested.filter((s) => !API_KEY_SCOPES.includes(s));
  if (unknown.length > 0) {
    throw badInput(
      `Scopes not available to API keys: ${unknown.join(', ')}. Choose from ${API_KEY_SCOPES.join(', ')}`,
      { field: 'scopes' },
    );
  }
  if (requested.length === 0) throw badInput('Choose at least one scope', { field: 'scopes' });
  return API_KEY_SCOPES.filter((s) => requested.includes(s));
}

export function parseKeyName(raw: string): string {
  const name = raw.trim();
  if (name.length === 0 || name.length > 100) {
    throw badInput('Name must have 1 to 100 characters', { field: 'name' });
  }
  return name;
}
