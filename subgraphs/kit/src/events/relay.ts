import { Client, Pool } from 'pg';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { Messaging } from './messaging';

export interface RelayOptions {
  /** URL of the subgraph's own database (the one holding kit_outbox). */
  databaseUrl: string;
  messaging: Messaging;
  log: Logger;
  metrics?: Metrics;
  batchSize?: number;
  /** Fallback poll when no NOTIFY arrives (lost LISTEN connection, missed wake-up). */
  pollIntervalMs?: number;
  /** How long to gather more commits after a wake-up before claiming (latency vs batching). */
  lingerMs?: number;
  publishTimeoutMs?: number;
  /** Sent rows older than this are purged. */
  retentionHours?: number;
  /** How long a claimed batch is reserved for this relay before another may take it. */
  leaseSeconds?: number;
  /** Test hook: runs after the PubAcks and before the rows are marked sent. */
  afterPublish?: () => void;
}

interface OutboxRow {
  seq: string;
  id: string;
  subject: string;
  envelope: string;
}

interface BatchOutcome {
  published: number;
  failed: number;
  error?: unknown;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Publishes committed outbox rows to JetStream. Rows are claimed with a lease
 * (FOR UPDATE SKIP LOCKED picks them, so replicas share the work), published with
 * Nats-Msg-Id = event id, and marked sent only after their PubAck. A relay that dies
 * before marking leaves the rows unsent: when the lease runs out they are published
 * again, and JetStream (or, past its duplicate window, each consumer's inbox) drops
 * the duplicate.
 */
export class OutboxRelay {
  private readonly pool: Pool;
  private listener: Client | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private lastPurge = 0;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly lingerMs: number;
  private readonly leaseSeconds: number;

  constructor(private readonly options: RelayOptions) {
    this.pool = new Pool({ connectionString: options.databaseUrl, max: 2 });
    this.pool.on('error', (error) => options.log.warn({ err: error }, 'relay pool error'));
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.lingerMs = options.lingerMs ?? 10;
    this.leaseSeconds = options.leaseSeconds ?? 30;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.listen();
    this.loop = this.run();
  }

  /** Finishes the batch in flight, then stops. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
    await this.pool.end();
  }

  /** Unsent rows, for /metrics and /ready. */
  async backlog(): Promise<number> {
    const result = await this.pool.query<{ n: string }>(
      'select count(*) as n from kit_outbox where sent_at is null',
    );
    return Number(result.rows[0]?.n ?? 0);
  }

  private async listen(): Promise<void> {
    while (this.running) {
      const client = new Client({ connectionString: this.options.databaseUrl });
      try {
        await client.connect();
        this.listener = client;
        client.on('notification', () => this.wake?.());
        await client.query('listen kit_outbox');
        this.wake?.(); // catch anything committed while we were not listening
        await new Promise<void>((resolve) => {
          client.on('error', () => resolve());
          client.on('end', () => resolve());
        });
      } catch (error) {
        this.options.log.warn({ err: error }, 'outbox LISTEN connection failed; polling meanwhile');
      }
      await client.end().catch(() => undefined);
      if (this.running) await sleep(1000);
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      let outcome: BatchOutcome;
      try {
        outcome = await this.publishBatch();
        if (outcome.failed === 0) await this.purgeIfDue();
      } catch (error) {
        outcome = { published: 0, failed: 1, error };
      }
      if (outcome.failed > 0) {
        failures += 1;
        this.options.metrics?.relayFailures.inc();
        this.options.log.warn(
          { err: outcome.error, failures },
          'outbox relay batch failed; retrying',
        );
        await sleep(Math.min(100 * 2 ** failures, 5000));
        continue;
      }
      failures = 0;
      if (outcome.published < this.batchSize) {
        await this.idle();
        // Let commits that arrive together share one batch: a NOTIFY per commit would
        // otherwise wake a claim-publish-mark cycle per transaction.
        if (this.running && this.lingerMs > 0) await sleep(this.lingerMs);
      }
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, this.pollIntervalMs);
      this.wake = done;
    });
  }

  /** One claim-publish-mark cycle. */
  async publishBatch(): Promise<BatchOutcome> {
    const { rows } = await this.pool.query<OutboxRow>({
      name: 'kit_outbox_claim',
      text: `update kit_outbox set claimed_until = now() + make_interval(secs => $2)
              where seq in (select seq from kit_outbox
                             where sent_at is null and (claimed_until is null or claimed_until < now())
                             order by seq limit $1 for update skip locked)
             returning seq, id, subject, envelope`,
      values: [this.batchSize, this.leaseSeconds],
    });
    if (rows.length === 0) return { published: 0, failed: 0 };
    rows.sort((a, b) => Number(a.seq) - Number(b.seq));
    const results = await this.publishAll(rows);
    this.options.afterPublish?.();
    await this.mark(rows, results);
    const published = results.filter((r) => r === null).length;
    this.options.metrics?.eventsPublished.inc(published);
    return { published, failed: rows.length - published, error: results.find((r) => r !== null) };
  }

  /** Publishes every row concurrently; each result is null on success or the error text. */
  private async publishAll(rows: OutboxRow[]): Promise<(string | null)[]> {
    const { messaging } = this.options;
    const timeout = this.options.publishTimeoutMs ?? 5000;
    // The NATS client builds a timeout error, with its stack trace, for every request up
    // front; the traces cost more than the publishes and say nothing useful here.
    // Only the synchronous calls run with it off; it is restored before anything awaits.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    let pending: Promise<string | null>[];
    try {
      pending = rows.map((row) =>
        messaging.js
          .publish(messaging.subject(row.subject), row.envelope, { msgID: row.id, timeout })
          .then(
            () => null,
            (error: unknown) => (error instanceof Error ? error.message : String(error)),
          ),
      );
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
    return Promise.all(pending);
  }

  private async mark(rows: OutboxRow[], results: (string | null)[]): Promise<void> {
    const sent = rows.filter((_, i) => results[i] === null).map((r) => r.seq);
    const failed = rows.filter((_, i) => results[i] !== null);
    if (sent.length > 0) {
      await this.pool.query({
        name: 'kit_outbox_sent',
        text: 'update kit_outbox set sent_at = now(), attempts = attempts + 1 where seq = any($1::bigint[])',
        values: [sent],
      });
    }
    if (failed.length > 0) {
      // Released at once: the next cycle retries them, after the relay's backoff.
      await this.pool.query({
        name: 'kit_outbox_failed',
        text: `update kit_outbox set attempts = attempts + 1, last_error = $2, claimed_until = null
                where seq = any($1::bigint[])`,
        values: [failed.map((r) => r.seq), results.find((r) => r !== null)],
      });
    }
  }

  private async purgeIfDue(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPurge < 3_600_000) return;
    this.lastPurge = now;
    const hours = this.options.retentionHours ?? 24 * 7;
    await this.pool.query(
      `delete from kit_outbox where sent_at is not null and sent_at < now() - make_interval(hours => $1)`,
      [hours],
    );
  }
}
