import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { requireUser, type Caller } from './auth';
import { systemClock, type Clock } from './clock';
import { localDateAt, type LocalDate } from './dates';
import type { Logger } from './logger';

/** What every resolver receives. Built fresh for each request. */
export interface RequestContext<S = unknown> {
  caller: Caller;
  requestId: string;
  /** The end client's address as the router saw it (`x-client-ip`), for throttling. */
  clientIp: string | null;
  log: Logger;
  /** The subgraph's services (built once at start; see `createSubgraph({ services })`). */
  services: S;
  /** Forked for this request: its identity map is never shared across requests. */
  em: EntityManager;
  /** Per-request DataLoader cache: `loader('accountsById', batchFn)`. */
  loader<K, V>(name: string, batch: DataLoader.BatchLoadFn<K, V>): DataLoader<K, V>;
}

export function createLoaderCache(): RequestContext['loader'] {
  const loaders = new Map<string, DataLoader<unknown, unknown>>();
  return <K, V>(name: string, batch: DataLoader.BatchLoadFn<K, V>) => {
    let loader = loaders.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 500 });
      loaders.set(name, loader);
    }
    return loader;
  };
}

/**
 * Orders rows to match the keys DataLoader asked for; missing keys become null.
 */
export function byKeys<K, V>(
  keys: readonly K[],
  rows: readonly V[],
  keyOf: (row: V) => K,
): (V | null)[] {
  const map = new Map<K, V>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((key) => map.get(key) ?? null);
}

/** The signed-in caller's user id (every read and write is scoped to it); UNAUTHENTICATED otherwise. */
export const userOf = (ctx: Pick<RequestContext, 'caller'>): string => requireUser(ctx.caller);

/** The caller's IANA time zone (checked when the router's token was verified). */
export const zoneOf = (ctx: Pick<RequestContext, 'caller'>): string => ctx.caller.timeZone;

/** "Today" in the caller's time zone, by `clock` (tests pass their own). */
export const todayOf = (
  ctx: Pick<RequestContext, 'caller'>,
  clock: Clock = systemClock,
): LocalDate => localDateAt(clock.now(), ctx.caller.timeZone);
