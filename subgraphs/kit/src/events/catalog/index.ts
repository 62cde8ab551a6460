import type { z } from 'zod';
import { cardsEvents } from './cards';
import { consolidationEvents } from './consolidation';
import { identityEvents } from './identity';
import { ledgerEvents } from './ledger';

export * from './common';
export { accountType, entrySnapshot, type EntrySnapshot } from './ledger';

/**
 * The one map from event type (also its subject) to payload schema. Producers
 * validate before writing to the outbox; consumers validate before handling.
 * A domain's events live in its own file; add new ones there.
 */
export const eventCatalog = {
  ...identityEvents,
  ...ledgerEvents,
  ...consolidationEvents,
  ...cardsEvents,
} as const;

export type EventCatalog = typeof eventCatalog;
export type EventType = keyof EventCatalog;
export type EventData<T extends EventType> = z.infer<EventCatalog[T]>;

/** Streams, one per producing domain: `LEDGER` holds `ledger.>`. */
export const DOMAINS = [
  'identity',
  'ledger',
  'consolidation',
  'cards',
  'import',
  'notifications',
  'ai',
] as const;
export type Domain = (typeof DOMAINS)[number];

export function domainOf(type: string): Domain {
  const domain = type.split('.')[0] as Domain;
  if (!DOMAINS.includes(domain)) throw new Error(`Event type ${type} names no known domain`);
  return domain;
}

export function isEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(eventCatalog, type);
}
