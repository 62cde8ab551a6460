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
  'identity.password_reset.requested': z.object({
    userId: uuid,
    email: z.email(),
    name: z.string(),
    locale: z.string(),
    token: z.string().min(20),
    expiresAt: isoInstant,
  }),
} as const;
