import type { HandlerMap } from '@saldo/kit';
import type { ConfirmService } from './confirm.service';

function owner(event: { userId: string | null; type: string }): string {
  if (!event.userId) throw new Error(`${event.type} without a user`);
  return event.userId;
}

/** The ledger's (and for card statements, cards') answers to confirmed chunks. */
export function answerHandlers(confirm: ConfirmService): HandlerMap {
  return {
    'ledger.import_chunk.applied': (event, { em, log }) =>
      confirm.answered(em, owner(event), event.data, log),
    'ledger.import_chunk.rejected': (event, { em, log }) =>
      confirm.answered(
        em,
        owner(event),
        { jobId: event.data.jobId, chunk: event.data.chunk, error: event.data.reason },
        log,
      ),
    'cards.import_chunk.applied': (event, { em, log }) =>
      confirm.answered(em, owner(event), event.data, log),
  };
}
