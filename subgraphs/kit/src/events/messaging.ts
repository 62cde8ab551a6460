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
import {
  domainOf,
  eventCatalog,
  isSecretEventType,
  SECRET_EVENT_TYPES,
  type Domain,
} from '@saldo/events';

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
    let jsm: JetStreamManager;
    try {
      jsm = await jetstreamManager(nc);
    } catch (error) {
      // No JetStream (disabled, or its API unreachable): nobody else holds `nc`, and its
      // endless reconnects would keep the process alive.
      await nc.close().catch(() => undefined);
      throw error;
    }
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

  /** `IDENTITY_SECRETS`: the domain's events that carry a live secret (SECRET_EVENT_TYPES). */
  secretStreamName(domain: Domain): string {
    return `${this.streamName(domain)}_SECRETS`;
  }

  streamOf(type: string): string {
    const domain = domainOf(type);
    return isSecretEventType(type) ? this.secretStreamName(domain) : this.streamName(domain);
  }

  /**
   * Creates or updates the stream a domain owns. Called by the producing subgraph at
   * start; events are kept without age limit so projections can be rebuilt from them.
   * It holds `<domain>.>`, or, for a domain with secret events, every other subject of
   * the domain (those go to its secrets stream, see `ensureSecretStream`); secret events
   * an older stream still holds are purged from it.
   */
  async ensureDomainStream(domain: Domain, overrides: Partial<StreamConfig> = {}): Promise<void> {
    const name = this.streamName(domain);
    const secrets = secretTypesOf(domain);
    await this.ensureStream({
      name,
      subjects: (secrets.length === 0 ? [`${domain}.>`] : publicSubjectsOf(domain)).map((s) =>
        this.subject(s),
      ),
      ...overrides,
    });
    for (const type of secrets) {
      await this.jsm.streams.purge(name, { filter: this.subject(type) });
    }
  }

  /**
   * Creates or updates the stream of a domain's secret events, which keeps a message
   * `maxAgeMs` at most: the secret's lifetime. Called by the producer at start, after
   * `ensureDomainStream` (which frees the subjects from the domain stream).
   */
  async ensureSecretStream(domain: Domain, maxAgeMs: number): Promise<void> {
    const secrets = secretTypesOf(domain);
    if (secrets.length === 0) throw new Error(`Domain ${domain} has no secret events`);
    await this.ensureStream({
      name: this.secretStreamName(domain),
      subjects: secrets.map((type) => this.subject(type)),
      max_age: nanos(maxAgeMs),
      // The server refuses a duplicate window longer than the age limit.
      duplicate_window: nanos(Math.min(5 * 60_000, maxAgeMs)),
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

function secretTypesOf(domain: Domain): string[] {
  return SECRET_EVENT_TYPES.filter((type) => domainOf(type) === domain);
}

/**
 * A domain's subjects other than its secret ones: `<domain>.<entity>.>` per entity,
 * or the entity's other types one by one where the entity has a secret type.
 */
function publicSubjectsOf(domain: Domain): string[] {
  const byEntity = new Map<string, string[]>();
  for (const type of Object.keys(eventCatalog)) {
    const [owner, entity] = type.split('.');
    if (owner !== domain || entity === undefined) continue;
    byEntity.set(entity, [...(byEntity.get(entity) ?? []), type]);
  }
  return [...byEntity].flatMap(([entity, types]) =>
    types.some(isSecretEventType)
      ? types.filter((type) => !isSecretEventType(type))
      : [`${domain}.${entity}.>`],
  );
}
