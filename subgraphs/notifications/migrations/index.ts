import type { MigrationObject } from '@mikro-orm/core';
import { NotificationsSchema } from './0001-notifications';
import { NotificationsChargeEmails } from './0002-charge-emails';

/** Committed migrations, applied in order on start. */
export const migrations: MigrationObject[] = [
  { name: 'notifications-0001-schema', class: NotificationsSchema },
  { name: 'notifications-0002-charge-emails', class: NotificationsChargeEmails },
];
