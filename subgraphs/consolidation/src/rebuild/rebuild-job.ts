import { query } from '@saldo/kit';
import type { EntityManager, Logger, Messaging, Orm } from '@saldo/kit';
import type { Clock } from '@saldo/kit';
import { Aggregates } from '../projection/aggregates';
import type { LedgerProjector } from '../projection/projector';
import { writeAggregates } from '../projection/write-batch';
import { eraseErased } from '../users/erasure';
import { parseLedgerMessages, reduceSafely, type SequencedEvent } from './ledger-messages';
import { updateRebuild, type RebuildRecord } from './rebuild.repository';
import { ackFloor, lastSeq, StreamReader } from './stream-reader';

export interface JobContext {
  orm: Orm;
  messaging: Messaging;
  log: Logger;
  clock: Clock;
  projector: LedgerProjector;
  batchSize: number;
  /** The live durable consumer: its ack floor bounds what the rebuild applies unchecked. */
  consumerName: string;
}

// Once the rebuild is this close to the live consumer, it switches over.
const SWITCH_GAP = 2_000;
// Summed account-day and user-day rows held in memory before they are written.
const FLUSH_ROWS = 200_000;

/**
 * One rebuild: replays the LEDGER stream into a fresh generation, then switches over
 * in one transaction. Events up to the live consumer's ack floor are applied freely;
 * beyond it, only those the live consumer has committed (in kit_inbox), so the live
 * consumer applies the rest to the new generation with its side effects (reopens,
 * update events) — and finds nothing to redo in what the rebuild already holds.
 */
export class RebuildJob {
  readonly counts = { events: 0, skipped: 0 };
  private readonly aggregates = new Aggregates();
  private cancelled = false;
  private readonly stream: string;

  constructor(
    private readonly ctx: JobContext,
    readonly record: RebuildRecord,
  ) {
    this.stream = ctx.messaging.streamName('ledger');
  }

  cancel(): void {
    this.cancelled = true;
  }

  async run(): Promise<void> {
    const { messaging } = this.ctx;
    // No stream yet (nothing was ever published): the rebuilt projection is empty.
    if ((await lastSeq(messaging, this.stream)) === 0) return this.switchOver(null);
    const reader = await StreamReader.open(messaging, this.stream, messaging.subject('ledger.>'));
    try {
      for (;;) {
        const floor = await ackFloor(messaging, this.stream, this.ctx.consumerName);
        if (floor - reader.seq <= SWITCH_GAP) break;
        await this.replay(reader, floor);
      }
      await this.switchOver(reader);
    } finally {
      await reader.close();
    }
  }

  /** Applies everything up to `until`, one transaction per batch, reading ahead meanwhile. */
  private async replay(reader: StreamReader, until: number): Promise<void> {
    let batches = 0;
    let next = this.readAhead(reader, until);
    for (;;) {
      const events = await next;
      if (events === null) break;
      if (this.cancelled) throw new Error('cancelled');
      next = this.readAhead(reader, until);
      await this.ctx.orm.em.fork().transactional((em) => this.apply(em, events));
      if ((batches += 1) % 20 === 0) await this.progress(reader.seq);
    }
    await this.progress(reader.seq);
  }

  /** `read`, started before the current batch is written; awaited (and its error seen) later. */
  private readAhead(reader: StreamReader, until: number): Promise<SequencedEvent[] | null> {
    const next = this.read(reader, until);
    void next.catch(() => undefined); // not unhandled while the current batch is written
    return next;
  }

  /** The next batch's ledger events; null once `until` is reached. */
  private async read(reader: StreamReader | null, until: number): Promise<SequencedEvent[] | null> {
    if (!reader) return null;
    const messages = await reader.read(until, this.ctx.batchSize);
    return messages.length === 0 ? null : parseLedgerMessages(messages, this.counts);
  }

  private async apply(em: EntityManager, events: SequencedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const batch = reduceSafely(
      events.map((e) => e.event),
      this.counts,
    );
    await this.ctx.projector.applyRebuild(em, this.record.generation, batch, this.aggregates);
    this.counts.events += events.length;
    if (this.aggregates.size >= FLUSH_ROWS) await this.flush(em);
  }

  private async flush(em: EntityManager): Promise<void> {
    await writeAggregates(em, this.record.generation, this.aggregates.drain());
  }

  /** Catches up the last stretch and swaps the pointer while live writers wait. */
  private async switchOver(reader: StreamReader | null): Promise<void> {
    const { orm, messaging, consumerName, clock } = this.ctx;
    const generation = this.record.generation;
    await orm.em.fork().transactional(async (em) => {
      const [state] = await query<{ active_schema: string }>(
        em,
        'select active_schema from projection_state for update',
      );
      const floor = await ackFloor(messaging, this.stream, consumerName);
      const last = await lastSeq(messaging, this.stream);
      for (
        let events = await this.read(reader, last);
        events;
        events = await this.read(reader, last)
      )
        await this.apply(em, await this.committedOnly(em, events, floor));
      await this.flush(em);
      await eraseErased(em, generation);
      await copyPendingEmits(em, state!.active_schema, generation);
      await query(em, 'update projection_state set active_schema = ?, switched_at = ?', [
        generation,
        clock.now(),
      ]);
      await this.progress(reader?.seq ?? 0, em, 'DONE');
    });
  }

  /** Events beyond the ack floor count only if the live consumer committed them. */
  private async committedOnly(
    em: EntityManager,
    events: SequencedEvent[],
    floor: number,
  ): Promise<SequencedEvent[]> {
    const beyond = events.filter((e) => e.seq > floor).map((e) => e.event.id);
    if (beyond.length === 0) return events;
    const rows = await query<{ event_id: string }>(
      em,
      'select event_id from kit_inbox where consumer = ? and event_id = any(?::uuid[])',
      [this.ctx.consumerName, beyond],
    );
    const committed = new Set(rows.map((r) => r.event_id));
    return events.filter((e) => e.seq <= floor || committed.has(e.event.id.toLowerCase()));
  }

  private async progress(seq: number, em = this.ctx.orm.em.fork(), status?: 'DONE'): Promise<void> {
    await updateRebuild(em, this.record.id, {
      ...this.counts,
      lastSeq: seq,
      ...(status ? { status, finishedAt: this.ctx.clock.now() } : {}),
    });
  }
}

/** Account-days whose update event the old generation had not sent yet. */
async function copyPendingEmits(em: EntityManager, from: string, to: string) {
  await query(
    em,
    `update ${to}.account_days n set pending_emit = true
       from ${from}.account_days o
      where o.pending_emit and n.account_id = o.account_id and n.day = o.day`,
  );
}
