import type { ExecutionResult, GraphQLSchema } from 'graphql';
import { Scope } from '@saldo/kit';
import type { RouterContext } from '../context';
import { Close, type Connection, type Operation } from './connection';
import type { LiveEvent, LiveListener } from './hub';
import { EVENT_VARIABLE } from './payload-query';
import type { LivePlan } from './plan';
import { projectFromEvent } from './projection';

/** What every subscription of one router shares. */
export interface LiveShared {
  schema: () => GraphQLSchema;
  execute: (
    query: string,
    variables: Record<string, unknown>,
    context: RouterContext,
  ) => Promise<ExecutionResult>;
  /** Events queued for one subscription before its client is closed as too slow. */
  bufferLimit: number;
  /** Socket send-buffer bytes before its client is closed as too slow. */
  maxBufferedBytes: number;
}

/**
 * One client's subscription: a bounded queue of its user's events turned, one at a
 * time and in order, into `next` messages. Kept small (no closures, no pending
 * promise while idle): a router holds many thousands.
 */
export class LiveSubscription implements LiveListener, Operation {
  private queue: LiveEvent[] | null = null;
  private pumping = false;
  private closed = false;
  private detach: (() => void) | null = null;

  constructor(
    private readonly shared: LiveShared,
    private readonly plan: LivePlan,
    private readonly connection: Connection,
    private readonly id: string,
    private readonly variables: Record<string, unknown>,
    /** Pairs of event-data field and the value it must have. */
    private readonly filter: readonly (readonly [string, string])[],
  ) {
    connection.subscriptions += 1;
  }

  get userId(): string {
    return this.connection.userId;
  }

  attach(detach: () => void): void {
    this.detach = detach;
  }

  deliver(event: LiveEvent): void {
    if (this.closed) return;
    for (const [name, value] of this.filter) {
      if (String(event.data[name]) !== value) return;
    }
    if (this.connection.socket.bufferedAmount > this.shared.maxBufferedBytes) {
      return this.tooSlow('send buffer full');
    }
    this.queue ??= [];
    if (this.queue.length >= this.shared.bufferLimit) {
      return this.tooSlow(`more than ${this.shared.bufferLimit} events waiting`);
    }
    this.queue.push(event);
    if (!this.pumping) void this.pump();
  }

  stop(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue = null;
    this.connection.subscriptions -= 1;
    this.detach?.();
  }

  /** Resolves queued events one at a time, so a client sees them in order. */
  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      for (let event = this.queue?.shift(); event && !this.closed; event = this.queue?.shift()) {
        const result = await this.resolve(event).catch((error: unknown) => ({
          errors: [
            { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
          ],
          cause: error,
        }));
        if (!this.closed)
          this.connection.next(this.id, 'cause' in result ? { errors: result.errors } : result);
      }
    } finally {
      this.pumping = false;
    }
  }

  private async resolve(event: LiveEvent): Promise<ExecutionResult> {
    const { field, definition, fragments, responseKey, spec } = this.plan;
    if (field.selectionSet) {
      const projected = projectFromEvent(
        this.shared.schema(),
        definition.type,
        field.selectionSet,
        fragments,
        event.data,
      );
      if (projected) return { data: { [responseKey]: projected } };
    }
    return this.shared.execute(
      this.plan.payloadQuery(),
      { ...this.variables, [EVENT_VARIABLE]: event.raw },
      {
        caller: this.connection.caller!,
        requestId: `live-${spec.field}`,
        clientIp: null,
        extraScopes: [Scope.ROUTER],
      },
    );
  }

  private tooSlow(reason: string): void {
    this.stop();
    this.connection.close(Close.TooSlow, `Too slow: ${reason}`);
  }
}
