import type { Scope } from '@saldo/kit';
import type { RouterCaller } from './auth/caller';

/** Per-request state the gateway hands to every subgraph fetch. */
export interface RouterContext {
  caller: RouterCaller;
  requestId: string;
  clientIp: string | null;
  /** Scopes the router adds for its own operations (resolving subscription payloads). */
  extraScopes: readonly Scope[];
}
