import Table from 'cli-table3';
import WebSocket from 'ws';
import { createSaldoClient, type SaldoClient } from '@saldo/sdk';
import { credentialsPath, fileTokenStore, readCredentials } from './credentials';
import { CliError } from './errors';
import { langFrom, type Lang } from './format';

export const DEFAULT_URL = 'http://127.0.0.1:4000/graphql';

export interface GlobalOptions {
  url?: string;
  json?: boolean;
  lang?: string;
}

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

/** What every command gets: the client (signed in from the credentials file), output helpers. */
export class Context {
  readonly lang: Lang;
  readonly json: boolean;
  readonly url: string;
  readonly credentials: string;
  private sdk: SaldoClient | undefined;

  constructor(
    readonly io: Io,
    options: GlobalOptions,
  ) {
    this.credentials = credentialsPath(io.env);
    this.lang = langFrom(io.env, options.lang);
    this.json = !!options.json;
    this.url =
      options.url ?? io.env['SALDO_URL'] ?? readCredentials(this.credentials)?.url ?? DEFAULT_URL;
  }

  /** A client acting as the signed-in user. */
  get client(): SaldoClient {
    if (!this.sdk) {
      if (!readCredentials(this.credentials)?.tokens) {
        throw new CliError('UNAUTHENTICATED', 'not signed in');
      }
      this.sdk = this.clientWith({ store: fileTokenStore(this.credentials, this.url) });
    }
    return this.sdk;
  }

  clientWith(auth?: Parameters<typeof createSaldoClient>[0]['auth']): SaldoClient {
    return createSaldoClient({
      url: this.url,
      webSocketImpl: WebSocket,
      ...(auth ? { auth } : {}),
    });
  }

  /** Prints `data` as JSON with --json, else the human text. */
  print(data: unknown, human: () => string): void {
    this.io.stdout(this.json ? `${JSON.stringify(data, null, 2)}\n` : `${human()}\n`);
  }

  table(head: string[], rows: string[][], right: number[] = []): string {
    const table = new Table({
      head,
      style: { head: [], border: [] },
      colAligns: head.map((_, i) => (right.includes(i) ? 'right' : 'left')),
    });
    table.push(...rows);
    return table.toString();
  }

  async close(): Promise<void> {
    await this.sdk?.close();
  }
}

/** Finds one item by id or by (case-insensitive) name; refuses ambiguous or unknown names. */
export function pick<T extends { id: string; name: string }>(
  items: readonly T[],
  wanted: string,
  what: string,
): T {
  const byId = items.find((i) => i.id === wanted);
  if (byId) return byId;
  const matches = items.filter((i) => i.name.toLowerCase() === wanted.toLowerCase());
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1)
    throw new CliError('BAD_USER_INPUT', `several ${what}s named "${wanted}": use the id`);
  throw new CliError('NOT_FOUND', `no ${what} "${wanted}"`);
}

/** The only item, or the one named; asks for the option when several exist. */
export function pickOne<T extends { id: string; name: string }>(
  items: readonly T[],
  wanted: string | undefined,
  what: string,
  option: string,
): T {
  if (wanted) return pick(items, wanted, what);
  if (items.length === 1) return items[0]!;
  if (items.length === 0) throw new CliError('NOT_FOUND', `you have no ${what}`);
  throw new CliError('BAD_USER_INPUT', `you have several ${what}s: choose one with ${option}`);
}
