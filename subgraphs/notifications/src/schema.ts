import { Scope, type FederatedSchemaOptions, type LiveField } from '@saldo/kit';
import { User } from './common/stubs';
import { NotificationResolver, UserResolver } from './notifications/notification.resolver';
import { Notification } from './notifications/notification.types';
import { PreferenceResolver } from './preferences/preference.resolver';
import { PushResolver } from './push/push.resolver';
import { references } from './references';
import { WebhookResolver } from './webhooks/webhook.resolver';

const notificationReceived: LiveField = {
  name: 'notificationReceived',
  subject: 'notifications.notification.created',
  payload: Notification,
  scope: Scope.PROFILE,
  description: 'Your new notifications as they arrive.',
  toPayload: (data) => Notification.fromEvent(data as Parameters<typeof Notification.fromEvent>[0]),
};

/** The notifications subgraph's federated schema: resolvers, references, the live field. */
export const schemaOptions: FederatedSchemaOptions = {
  resolvers: [
    NotificationResolver,
    UserResolver,
    PreferenceResolver,
    WebhookResolver,
    PushResolver,
  ],
  orphanedTypes: [User],
  references,
  live: [notificationReceived],
};
