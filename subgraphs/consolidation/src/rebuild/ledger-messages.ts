import { InvalidEventError, parseEnvelope } from '@saldo/kit';
import type { JsMsg } from '@nats-io/jetstream';
import {
  isLedgerEvent,
  reduceLedgerEvents,
  type LedgerBatch,
  type LedgerEvent,
} from '../projection/projector';

export interface SequencedEvent {
  seq: number;
  event: LedgerEvent;
}

/** Ledger events of these messages; invalid ones are counted, other ledger types ignored. */
export function parseLedgerMessages(
  messages: readonly JsMsg[],
  counts: { skipped: number },
): SequencedEvent[] {
  const out: SequencedEvent[] = [];
  for (const m of messages) {
    try {
      const event = parseEnvelope(m.data);
      if (isLedgerEvent(event)) out.push({ seq: m.seq, event });
    } catch (error) {
      if (!(error instanceof InvalidEventError)) throw error;
      counts.skipped += 1;
    }
  }
  return out;
}

/**
 * Reduces a run of events; an event the live consumer would dead-letter (an amount
 * its currency cannot hold) is counted as skipped instead of failing the rebuild.
 */
export function reduceSafely(
  events: readonly LedgerEvent[],
  counts: { skipped: number },
): LedgerBatch {
  try {
    return reduceLedgerEvents(events);
  } catch {
    const good = events.filter((e) => {
      try {
        reduceLedgerEvents([e]);
        return true;
      } catch {
        counts.skipped += 1;
        return false;
      }
    });
    return reduceLedgerEvents(good);
  }
}
