import { createSaldoClient, webStorageTokenStore, type SaldoClient } from '@saldo/sdk';

/** One SDK client per page: same origin as the dashboard, tokens kept in localStorage. */
export function createClient(): SaldoClient {
  return createSaldoClient({
    url: new URL('/graphql', window.location.origin).toString(),
    auth: { store: webStorageTokenStore(window.localStorage) },
  });
}

/** A fresh idempotency key: one per draft, reused when the same submit is retried. */
export const newKey = (): string => crypto.randomUUID();
