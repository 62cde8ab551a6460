import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Tokens, TokenStore } from '@saldo/sdk';

export interface Credentials {
  url: string;
  tokens: Tokens | null;
}

/** `$XDG_CONFIG_HOME/saldo/credentials.json` (default `~/.config`). */
export function credentialsPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env['XDG_CONFIG_HOME'] || join(homedir(), '.config');
  return join(base, 'saldo', 'credentials.json');
}

export function readCredentials(path: string): Credentials | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Credentials;
  } catch {
    return null;
  }
}

/** Writes owner-only (0600, directory 0700) through a temp file, so a crash never leaves half a file. */
export function writeCredentials(path: string, credentials: Credentials): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600); // in case the umask or an old file widened it
  renameSync(temp, path);
}

export function removeCredentials(path: string): void {
  rmSync(path, { force: true });
}

/** The SDK's token store over the credentials file: rotated tokens are saved at once. */
export function fileTokenStore(path: string, url: string): TokenStore {
  return {
    load: () => readCredentials(path)?.tokens ?? null,
    save: (tokens) => {
      if (tokens) writeCredentials(path, { url, tokens });
      else removeCredentials(path);
    },
  };
}
