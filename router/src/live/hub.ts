import type { Subscription as NatsSubscription } from '@nats-io/transport-node';
import type { Logger, Messaging } from '@saldo/kit';

/** An event as it came off NATS: parsed once, shared by every subscriber. */
export interface LiveEvent {
  raw: string;
  userId: string;
  data: Record<string, unknown>;
}

export interface LiveListener {
  readonly userId: string;
  deliver(event: LiveEvent): void;
}

/**
 * Fans events out to subscribers in memory. One NATS core subscription per
 * subject, however many clients follow it; a client only ever gets events whose
 * envelope names its own user.
 */
export class LiveHub {
  private readonly bySubject = new Map<
    string,
    { nats: NatsSubscription; byUser: Map<string, Set<LiveListener>> }
  >();
  private count = 0;

  constructor(
    private readonly messaging: Messaging,
    private readonly log: Logger,
  ) {}

  get listeners(): number {
    return this.count;
  }

  add(subject: string, listener: LiveListener): () => void {
    let entry = this.bySubject.get(subject);
    if (!entry) {
      const byUser = new Map<string, Set<LiveListener>>();
      const nats = this.messaging.nc.subscribe(this.messaging.subject(subject), {
        callback: (error, msg) => {
          if (error) return this.log.warn({ err: error, subject }, 'live subscription error');
          this.dispatch(byUser, msg.string());
        },
      });
      entry = { nats, byUser };
      this.bySubject.set(subject, entry);
    }
    let set = entry.byUser.get(listener.userId);
    if (!set) {
      set = new Set();
      entry.byUser.set(listener.userId, set);
    }
    set.add(listener);
    this.count += 1;
    const { byUser } = entry;
    return () => {
      const current = byUser.get(listener.userId);
      if (current?.delete(listener)) {
        this.count -= 1;
        if (current.size === 0) byUser.delete(listener.userId);
      }
    };
  }

  private dispatch(byUser: Map<string, Set<LiveListener>>, raw: string): void {
    let envelope: { userId?: unknown; data?: unknown };
    try {
      envelope = JSON.parse(raw) as typeof envelope;
    } catch {
      return;
    }
    if (typeof envelope.userId !== 'string') return;
    const listeners = byUser.get(envelope.userId);
    if (!listeners || typeof envelope.data !== 'object' || envelope.data === null) return;
    const event: LiveEvent = {
      raw,
      userId: envelope.userId,
      data: envelope.data as Record<string, unknown>,
    };
    for (const listener of listeners) listener.deliver(event);
  }

  close(): void {
    for (const { nats } of this.bySubject.values()) nats.unsubscribe();
    this.bySubject.clear();
  }
}
