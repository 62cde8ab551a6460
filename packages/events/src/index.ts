import type { z } from 'zod';
import { aiEvents } from './ai';
import { billingEvents } from './billing';
import { cardsEvents } from './cards';
import { consolidationEvents } from './consolidation';
import { identityEvents, identitySecretEvents } from './identity';
import { importEvents } from './import';
import { ledgerEvents } from './ledger';
import { notificationsEvents } from './notifications';

export * from './ai';
export * from './billing';
export * from './common';
export * from './cards';
export * from './consolidation';
export * from './identity';
export * from './import';
export * from './ledger';
export * from './notifications';

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
  ...importEvents,
  ...notificationsEvents,
  ...billingEvents,
  ...aiEvents,
} as const;

export type EventCatalog = typeof eventCatalog;
export type EventType = keyof EventCatalog;
export type EventData<T extends EventType> = z.infer<EventCatalog[T]>;

/** Producing domains, one stream each: `LEDGER` holds `ledger.>`. Only domains whose subgraph exists. */
export const DOMAINS = [
  'identity',
  'ledger',
  'consolidation',
  'cards',
  'import',
  'notifications',
  'billing',
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

/**
 * Types whose payload carries a live secret (a password-reset token). They travel in
 * their domain's secrets stream (`IDENTITY_SECRETS`), which keeps a message only as long
 * as the secret lives, never in the domain stream, which keeps events without age limit.
 */
export const SECRET_EVENT_TYPES: readonly EventType[] = [...identitySecretEvents];

export function isSecretEventType(type: string): boolean {
  return (SECRET_EVENT_TYPES as readonly string[]).includes(type);
}
