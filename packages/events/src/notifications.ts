import { z } from 'zod';
import { isoInstant, uuid } from './common';

/** A notification as the inbox shows it; field names match the `Notification` GraphQL type. */
const notification = z.object({
  id: uuid,
  type: z.string(),
  title: z.string(),
  body: z.string(),
  data: z.record(z.string(), z.unknown()),
  readAt: isoInstant.nullable(),
  createdAt: isoInstant,
});

export const notificationsEvents = {
  // A new notification in a user's inbox (what `notificationReceived` streams).
  'notifications.notification.created': z.object({ notification }),
  // Outcomes of `billing.charge_emails.requested` emails, at most 1,000 per event, published
  // as deliveries settle: SENT once the SMTP server accepted it, FAILED once retries ran out.
  // The envelope's userId is the beneficiary's.
  'notifications.charge_emails.delivered': z.object({
    results: z
      .array(
        z.object({
          chargeId: uuid,
          attempt: z.number().int().min(1),
          outcome: z.enum(['SENT', 'FAILED']),
          reason: z.string().nullable(),
          at: isoInstant,
        }),
      )
      .min(1)
      .max(1000),
  }),
} as const;

export type NotificationsEventType = keyof typeof notificationsEvents;
export type NotificationsEventData<T extends NotificationsEventType> = z.infer<
  (typeof notificationsEvents)[T]
>;
/** The subjects notifications publishes: an event's type is its subject (namespaced in tests). */
export const notificationsSubjects = Object.keys(notificationsEvents) as NotificationsEventType[];
