import type { ExecutionResult, GraphQLError, GraphQLFormattedError } from 'graphql';
import type { WebSocket } from 'ws';
import type { RouterCaller } from '../auth/caller';

/**
 * graphql-transport-ws close codes (the protocol's, plus the router's own 4413).
 * graphql-ws's reference client gives up on 4400, 4401, 4406, 4409, 4429 and 4500,
 * and reconnects after the others: an expired credential closes with 4403, which it
 * retries, so a client whose `connectionParams` fetch a fresh token carries on.
 */
export const Close = {
  BadRequest: 4400,
  Unauthorized: 4401,
  Forbidden: 4403,
  SubprotocolNotAcceptable: 4406,
  InitTimeout: 4408,
  DuplicateSubscriber: 4409,
  TooSlow: 4413,
  TooManyInits: 4429,
  CredentialExpired: 4403,
  InternalError: 4500,
} as const;

export const PROTOCOL = 'graphql-transport-ws';

/** An operation a connection runs: a live subscription or a one-off query. */
export interface Operation {
  stop(): void;
}

/**
 * One WebSocket client. Kept deliberately small: a router holds tens of thousands
 * of mostly idle ones, so no per-connection closures or timers (one sweeper serves all).
 */
export class Connection {
  caller: RouterCaller | null = null;
  acknowledged = false;
  initReceived = false;
  /** Answered the last keep-alive ping. */
  alive = true;
  subscriptions = 0;
  operations: Map<string, Operation> | null = null;

  constructor(
    readonly socket: WebSocket,
    readonly clientIp: string | null,
    readonly openedAt: number,
  ) {}

  get userId(): string {
    return this.caller?.userId ?? '';
  }

  send(message: object): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(message));
  }

  next(id: string, payload: ExecutionResult | object): void {
    if (this.operations?.has(id)) this.send({ id, type: 'next', payload });
  }

  /** Ends an operation from the server side (`complete`), unless the client already did. */
  complete(id: string): void {
    if (this.operations?.delete(id)) this.send({ id, type: 'complete' });
  }

  error(id: string, errors: readonly (GraphQLError | GraphQLFormattedError)[]): void {
    this.operations?.delete(id);
    const payload = errors.map((e) =>
      'toJSON' in e && typeof e.toJSON === 'function' ? e.toJSON() : e,
    );
    this.send({ id, type: 'error', payload });
  }

  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }

  /** Stops every operation (socket closed). */
  dispose(): void {
    for (const operation of this.operations?.values() ?? []) operation.stop();
    this.operations = null;
  }
}
