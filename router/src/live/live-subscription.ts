import type {
  ExecutionResult,
  FragmentDefinitionNode,
  GraphQLOutputType,
  GraphQLSchema,
  SelectionSetNode,
} from 'graphql';
import type { LiveEvent, LiveListener } from './hub';
import { projectFromEvent } from './projection';

export interface LiveSubscriptionOptions {
  userId: string;
  /** Argument name -> required value of the event-data field of the same name. */
  filter: ReadonlyMap<string, string>;
  responseKey: string;
  fieldType: GraphQLOutputType;
  selectionSet: SelectionSetNode | undefined;
  fragments: Record<string, FragmentDefinitionNode>;
  schema: GraphQLSchema;
  /** Resolves the payload through the gateway, as the subscriber, when projection cannot. */
  resolveThroughGateway: (event: LiveEvent) => Promise<ExecutionResult>;
  bufferLimit: number;
  /** Called once when more than `bufferLimit` events wait for this client. */
  onOverflow: () => void;
  onEnd: () => void;
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * One client's subscription: a bounded queue of events turned, one at a time and
 * in order, into execution results for graphql-ws. `return()` ends it at once,
 * even while it waits for the next event.
 */
export class LiveSubscription implements LiveListener, AsyncIterableIterator<ExecutionResult> {
  private readonly queue: LiveEvent[] = [];
  private waiter: ((event: LiveEvent | null) => void) | null = null;
  private closed = false;
  private detach: (() => void) | null = null;

  constructor(private readonly options: LiveSubscriptionOptions) {}

  get userId(): string {
    return this.options.userId;
  }

  attach(detach: () => void): void {
    this.detach = detach;
  }

  deliver(event: LiveEvent): void {
    if (this.closed) return;
    for (const [name, value] of this.options.filter) {
      if (String(event.data[name]) !== value) return;
    }
    if (this.waiter) {
      const wake = this.waiter;
      this.waiter = null;
      wake(event);
      return;
    }
    if (this.queue.length >= this.options.bufferLimit) {
      this.end();
      this.options.onOverflow();
      return;
    }
    this.queue.push(event);
  }

  async next(): Promise<IteratorResult<ExecutionResult>> {
    if (this.closed) return DONE;
    const event =
      this.queue.shift() ??
      (await new Promise<LiveEvent | null>((resolve) => (this.waiter = resolve)));
    if (!event || this.closed) return DONE;
    return { done: false, value: await this.resolve(event) };
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    this.end();
    return DONE;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private async resolve(event: LiveEvent): Promise<ExecutionResult> {
    const { schema, fieldType, selectionSet, fragments, responseKey } = this.options;
    if (selectionSet) {
      const projected = projectFromEvent(schema, fieldType, selectionSet, fragments, event.data);
      if (projected) return { data: { [responseKey]: projected } };
    }
    return this.options.resolveThroughGateway(event);
  }

  private end(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    this.detach?.();
    this.waiter?.(null);
    this.waiter = null;
    this.options.onEnd();
  }
}
