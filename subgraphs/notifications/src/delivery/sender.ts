import type { EntityManager } from '@saldo/kit';
import type { ClaimedDelivery } from './delivery.repository';

/** What one attempt on a channel came to. */
export type SendResult =
  | { ok: true; statusCode?: number; latencyMs?: number }
  | {
      ok: false;
      /** false: trying again cannot help (bad address, gone subscription, channel off). */
      retry: boolean;
      error: string;
      statusCode?: number;
      latencyMs?: number;
      /** Not a failure of the channel: nothing to send to (SKIPPED). */
      skip?: boolean;
    };

export interface ChannelSender {
  send(delivery: ClaimedDelivery, em: EntityManager): Promise<SendResult>;
  /** A delivery failed for good (e.g. count an endpoint's failures). */
  failed?(delivery: ClaimedDelivery, em: EntityManager): Promise<void>;
  succeeded?(delivery: ClaimedDelivery, em: EntityManager): Promise<void>;
  close?(): Promise<void>;
}

export const errorText = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).slice(0, 500);
