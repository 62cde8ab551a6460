import { z } from 'zod';
import { isoInstant, uuid } from './common';

const profile = {
  userId: uuid,
  email: z.email(),
  name: z.string(),
  timeZone: z.string(),
  locale: z.string(),
};

export const identityEvents = {
  'identity.user.registered': z.object(profile),
  'identity.user.updated': z.object(profile),
  'identity.user.deleted': z.object({ userId: uuid }),
  // The token is single-use and expires quickly; only its hash is stored by identity.
  // A secret: published to IDENTITY_SECRETS, kept there no longer than the token lives.
  'identity.password_reset.requested': z.object({
    userId: uuid,
    email: z.email(),
    name: z.string(),
    locale: z.string(),
    token: z.string().min(20),
    expiresAt: isoInstant,
  }),
} as const;

export type IdentityEventType = keyof typeof identityEvents;
export type IdentityEventData<T extends IdentityEventType> = z.infer<(typeof identityEvents)[T]>;
/** The subjects identity publishes: an event's type is its subject (namespaced in tests). */
export const identitySubjects = Object.keys(identityEvents) as IdentityEventType[];

/** Identity's events that carry a live secret (see SECRET_EVENT_TYPES). */
export const identitySecretEvents: readonly IdentityEventType[] = [
  'identity.password_reset.requested',
];
