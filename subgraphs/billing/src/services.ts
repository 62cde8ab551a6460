import type { Clock, HandlerMap, RequestContext } from '@saldo/kit';
import type { Settings } from './config';
import { BatchService } from './batches/batch.service';
import { chargeHandlers } from './charges/charge.consumer';
import { ChargeService } from './charges/charge.service';
import { PdfLinkSigner } from './links/pdf-link';
import { ProfileService } from './profiles/profile.service';
import { userHandlers } from './users/user.consumer';

/** The billing subgraph's services; they need nothing of the running subgraph. */
export interface BillingServices {
  clock: Clock;
  links: PdfLinkSigner;
  profiles: ProfileService;
  charges: ChargeService;
  batches: BatchService;
}

export function createServices(settings: Settings, clock: Clock): BillingServices {
  const links = new PdfLinkSigner(settings.linkSecret, settings.BILLING_PUBLIC_URL);
  return {
    clock,
    links,
    profiles: new ProfileService(),
    charges: new ChargeService(settings, links, clock),
    batches: new BatchService(),
  };
}

/** Identity's user events, notifications' delivery outcomes, the ledger's payment answers. */
export function createHandlers(): HandlerMap {
  return { ...userHandlers, ...chargeHandlers };
}

/** What the resolvers receive: the kit's request context with the billing services. */
export type BillingContext = RequestContext<BillingServices>;
