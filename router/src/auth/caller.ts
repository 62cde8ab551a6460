import type { Caller } from '@saldo/kit';

/** A verified end caller, with when its credential stops being valid. */
export interface RouterCaller extends Caller {
  /** Epoch ms; Infinity for anonymous callers. */
  readonly expiresAt: number;
}

export const ANONYMOUS_CALLER: RouterCaller = Object.freeze({
  userId: null,
  scopes: new Set<string>(),
  timeZone: 'America/Sao_Paulo',
  expiresAt: Number.POSITIVE_INFINITY,
});
