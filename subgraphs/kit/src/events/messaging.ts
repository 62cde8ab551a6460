import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import {
  jetstream,
  jetstreamManager,
  DiscardPolicy,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type JetStreamClient,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import type { Logger } from '../logger';
import { domainOf, type Domain } from '@saldo/events';

/** A NATS connection plus the naming rules (namespace) every part of the kit shares. */
export class Messaging {
  private constructor(
    readonly nc: NatsConnection,
    readonly js: JetStreamClient,
    readonly jsm: JetStreamManager,
    readonly namespace: string,
  ) {}

  static async connect(options: {
    url: string;
    name: string;
    namespace?: string;
    log?: Logger;
  }): Promise<Messaging> {
    const nc = await connect({
      servers: options.url.split(','),
      name: options.name,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      waitOnFirstConnect: false,
    });
    if (options.log) void logStatus(nc, options.log);
    const jsm = await jetstreamManager(nc);
    return new Messaging(nc, jetstream(nc), jsm, options.namespace ?? '');
  }

  /** `ledger.entry.created` -> `<ns>.ledger.entry.created` in a namespace. */
  subject(type: string): string {
    return this.namespace ? `${this.namespace}.${type}` : type;
  }

  /** Strips the namespace back off a received subject. */
  eventType(subject: string): string {
    return this.namespace && subject.startsWith(`${this.namespace}.`)
      ? subject.slice(this.namespace.length + 1)
      : subject;
  }

  streamName(domain: Domain | 'deadletter'): string {
    const base = domain.toUpperCase();
    return this.namespace ? `${this.namespace.toUpperCase()}_${base}` : base;
  }

  streamOf(type: string): string {
    return this.streamName(domainOf(type));
  }

  /**
   * Creates or updates the stream a domain owns. Called by the producing subgraph at
   * start; events are kept without age limit so projections can be rebuilt from them.
   */
  async ensureDomainStream(domain: Domain, overrides: Partial<StreamConfig> = {}): Promise<void> {
    await this.ensureStream({
      name: this.streamName(domain),
      subjects: [this.subject(`${domain}.>`)],
      ...overrides,
    });
  }

  /** Messages that failed for good, kept with their reason until replayed or purged. */
  async ensureDeadLetterStream(): Promise<void> {
    await this.ensureStream({
      name: this.streamName('deadletter'),
      subjects: [this.subject('dlq.>')],
    });
  }

  private async ensureStream(config: Partial<StreamConfig> & { name: string }): Promise<void> {
    const full: Partial<StreamConfig> & { name: string } = {
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.Old,
      duplicate_window: nanos(5 * 60_000),
      num_replicas: 1,
      ...config,
    };
    try {
      await this.jsm.streams.info(full.name);
      await this.jsm.streams.update(full.name, full);
    } catch (error) {
      if (!(error instanceof JetStreamApiError) || error.status !== 404) throw error;
      await this.jsm.streams.add(full).catch(async (addError: unknown) => {
        // Another replica created it between our info and add.
        if (!(addError instanceof JetStreamApiError)) throw addError;
        await this.jsm.streams.info(full.name);
      });
    }
  }

  async ping(): Promise<boolean> {
    if (this.nc.isClosed()) return false;
    try {
      await this.nc.flush();
      return true;
    } catch {
      return false;
    }
  }

  /** Lets in-flight messages finish, then closes. */
  async close(): Promise<void> {
    if (!this.nc.isClosed()) await this.nc.drain().catch(() => this.nc.close());
  }
}

async function logStatus(nc: NatsConnection, log: Logger): Promise<void> {
  for await (const status of nc.status()) {
    if (status.type === 'ping') continue;
    log.info({ nats: status.type }, 'nats status');
  }
}
