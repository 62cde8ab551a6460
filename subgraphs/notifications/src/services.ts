import type { Clock, Logger, Orm, RequestContext } from '@saldo/kit';
import { Channel } from './catalog/types';
import { SecretBox } from './common/secret-box';
import type { Settings } from './config';
import { Dispatcher } from './delivery/dispatcher';
import { EmailSender } from './email/email.sender';
import { NotificationService } from './notifications/notification.service';
import { Notifier } from './notifications/notifier';
import { PreferenceService } from './preferences/preference.service';
import { PushSender } from './push/push.sender';
import { PushService } from './push/push.service';
import { VapidKeyStore } from './push/vapid';
import { BillScheduler } from './scheduler/bill.scheduler';
import { DailySummary } from './scheduler/daily-summary';
import { WebhookSender } from './webhooks/webhook.sender';
import { WebhookService } from './webhooks/webhook.service';
import { WhatsAppSender } from './whatsapp/whatsapp.sender';

/** What needs no running subgraph: built first, so the event handlers can use it. */
export interface CoreServices {
  clock: Clock;
  box: SecretBox;
  notifier: Notifier;
  vapid: VapidKeyStore;
  /** Wakes the delivery worker (a no-op until it runs). */
  kick: () => void;
  setKick: (fn: () => void) => void;
}

export function createCoreServices(settings: Settings, clock: Clock): CoreServices {
  const box = new SecretBox(settings.NOTIFICATIONS_SECRET_KEY);
  let kick = () => undefined as void;
  return {
    clock,
    box,
    notifier: new Notifier(clock, settings.PUBLIC_APP_URL),
    vapid: new VapidKeyStore(box, {
      publicKey: settings.VAPID_PUBLIC_KEY,
      privateKey: settings.VAPID_PRIVATE_KEY,
    }),
    kick: () => kick(),
    setKick: (fn) => {
      kick = fn;
    },
  };
}

export interface NotificationsServices extends CoreServices {
  notifications: NotificationService;
  preferences: PreferenceService;
  webhooks: WebhookService;
  push: PushService;
  /** The delivery worker; `runOnce()` in tests. */
  dispatcher: Dispatcher;
  bills: BillScheduler;
  daily: DailySummary;
}

export function createServices(
  settings: Settings,
  runtime: { orm: Orm; log: Logger },
  core: CoreServices,
): NotificationsServices {
  const guard = {
    allowPrivate: settings.allowPrivateTargets,
    timeoutMs: settings.CHANNEL_TIMEOUT_MS,
  };
  const now = () => core.clock.now();
  const senders = {
    [Channel.EMAIL]: new EmailSender(
      settings.SMTP_URL,
      settings.MAIL_FROM,
      settings.CHANNEL_TIMEOUT_MS,
    ),
    [Channel.WEBHOOK]: new WebhookSender(
      core.box,
      { ...guard, disableAfter: settings.WEBHOOK_DISABLE_AFTER_FAILURES },
      now,
    ),
    [Channel.PUSH]: new PushSender(core.vapid, settings.VAPID_SUBJECT, guard),
    [Channel.WHATSAPP]: new WhatsAppSender({
      ...guard,
      baseUrl: settings.WHATSAPP_API_URL,
      token: settings.WHATSAPP_TOKEN,
      phoneNumberId: settings.WHATSAPP_PHONE_NUMBER_ID,
      template: settings.WHATSAPP_TEMPLATE,
      now,
    }),
  };
  const dispatcher = new Dispatcher(
    runtime.orm,
    core.clock,
    senders,
    {
      intervalMs: settings.DISPATCH_INTERVAL_MS,
      batch: settings.DISPATCH_BATCH,
      leaseMs: settings.DELIVERY_LEASE_MS,
      retrySchedule: settings.RETRY_SCHEDULE_MS,
      webhookSchedule: settings.WEBHOOK_RETRY_SCHEDULE_MS,
    },
    runtime.log.child({ component: 'dispatcher' }),
  );
  core.setKick(() => dispatcher.kick());
  return {
    ...core,
    notifications: new NotificationService(core.clock, core.notifier, core.kick),
    preferences: new PreferenceService(),
    webhooks: new WebhookService(core.box, settings.allowPrivateTargets),
    push: new PushService(core.vapid, settings.allowPrivateTargets),
    dispatcher,
    daily: new DailySummary(
      runtime.orm,
      core.clock,
      core.notifier,
      core.kick,
      runtime.log.child({ component: 'daily-summary' }),
    ),
    bills: new BillScheduler(
      runtime.orm,
      core.clock,
      core.notifier,
      core.kick,
      runtime.log.child({ component: 'bills' }),
    ),
  };
}

/** What the resolvers receive: the kit's request context with the notifications services. */
export type NotificationsContext = RequestContext<NotificationsServices>;
