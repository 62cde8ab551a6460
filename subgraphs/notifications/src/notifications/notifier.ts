import {
  event,
  newId,
  recordEvents,
  type Clock,
  type EntityManager,
  type PendingEvent,
} from '@saldo/kit';
import { languageOf, type Language } from '../catalog/format';
import { message, type Message, type MessageFacts } from '../catalog/messages';
import {
  Channel,
  DEFERRABLE,
  DeliveryStatus,
  TRANSACTIONAL,
  defaultChoice,
  type ChannelChoice,
  type NotificationType,
} from '../catalog/types';
import { deliveryRepository, type NewDelivery } from '../delivery/delivery.repository';
import { renderEmail } from '../email/templates';
import { PreferenceEntity } from '../preferences/preference.entity';
import { releaseTime } from '../preferences/quiet-hours';
import { PushSubscriptionEntity } from '../push/push.entity';
import { profiles, type Profile } from '../users/profiles';
import { WebhookEndpointEntity } from '../webhooks/webhook.entity';
import { notificationRepository, type NotificationRecord } from './notification.repository';

export interface NotifyRequest {
  userId: string;
  type: NotificationType;
  /** One notification per key and user, however often the source event arrives. */
  dedupKey: string;
  facts: MessageFacts;
  data: Record<string, unknown>;
  /** false: a mail only, kept out of the inbox (password reset). */
  inbox?: boolean;
  /** A button in the email (never stored in the inbox). */
  emailAction?: { label: string; url: string };
  /** Only this channel (sendTestNotification). */
  only?: Channel;
}

export interface NotifyResult {
  notification: NotificationRecord | null;
  queued: number;
}

interface Known {
  profiles: Map<string, Profile>;
  prefs: Map<string, PreferenceEntity>;
  subs: Map<string, PushSubscriptionEntity[]>;
  endpoints: Map<string, WebhookEndpointEntity[]>;
}

interface Audience {
  profile: Profile;
  prefs: PreferenceEntity | null;
  language: Language;
  choice: ChannelChoice;
}

/**
 * Turns something that happened into a notification: the inbox row, one delivery per
 * channel the user chose (deferred past quiet hours), the live event. All in the caller's
 * transaction; the delivery worker sends afterwards.
 */
export class Notifier {
  constructor(
    private readonly clock: Clock,
    private readonly appUrl: string,
  ) {}

  async notify(em: EntityManager, req: NotifyRequest): Promise<NotifyResult> {
    return (await this.notifyMany(em, [req]))[0]!;
  }

  /**
   * Many at once (a consumer batch): a fixed number of statements whatever the count —
   * the users' profiles, preferences, push subscriptions and endpoints are read once,
   * the inbox rows, deliveries and live events written in one statement each.
   */
  async notifyMany(em: EntityManager, reqs: readonly NotifyRequest[]): Promise<NotifyResult[]> {
    if (reqs.length === 0) return [];
    const known = await this.load(em, [...new Set(reqs.map((r) => r.userId))]);
    const now = this.clock.now();
    const planned = reqs.map((req) => {
      const audience = this.audience(known, req);
      const msg = message(req.type, audience.language, req.facts);
      const notification: NotificationRecord = {
        id: newId(),
        userId: req.userId,
        type: req.type,
        title: msg.title,
        body: msg.body,
        data: req.data,
        readAt: audience.choice.inApp ? null : now,
        createdAt: now,
      };
      return { req, audience, msg, notification, inbox: req.inbox ?? true };
    });
    const inserted = await notificationRepository.insertMany(
      em,
      planned
        .filter((p) => p.inbox)
        .map((p) => ({ record: p.notification, dedupKey: p.req.dedupKey })),
    );
    const deliveries: NewDelivery[] = [];
    const events: PendingEvent[] = [];
    const results = planned.map(({ req, audience, msg, notification, inbox }): NotifyResult => {
      if (inbox && !inserted.has(notification.id)) return { notification: null, queued: 0 };
      const rows = this.deliveries(known, req, audience, msg, inbox ? notification : null);
      deliveries.push(...rows);
      if (inbox && (!req.only || req.only === Channel.IN_APP) && audience.choice.inApp) {
        events.push(
          event('notifications.notification.created', req.userId, {
            notification: {
              ...notification,
              readAt: null,
              createdAt: notification.createdAt.toISOString(),
            },
          }),
        );
      }
      const queued = rows.filter((d) => d.status === DeliveryStatus.QUEUED).length;
      return { notification: inbox ? notification : null, queued };
    });
    await deliveryRepository.insertMany(em, deliveries);
    await recordEvents(em, events);
    return results;
  }

  private async load(em: EntityManager, userIds: string[]): Promise<Known> {
    const [profileList, prefs, subs, endpoints] = [
      await profiles.ofMany(em, userIds),
      await em.find(PreferenceEntity, { userId: { $in: userIds } }),
      await em.find(PushSubscriptionEntity, { userId: { $in: userIds } }),
      await em.find(WebhookEndpointEntity, { userId: { $in: userIds }, enabled: true }),
    ];
    const group = <T extends { userId: string }>(rows: T[]) => {
      const map = new Map<string, T[]>();
      for (const row of rows) map.set(row.userId, [...(map.get(row.userId) ?? []), row]);
      return map;
    };
    return {
      profiles: new Map(profileList.map((p) => [p.userId, p])),
      prefs: new Map(prefs.map((p) => [p.userId, p])),
      subs: group(subs),
      endpoints: group(endpoints),
    };
  }

  private audience(known: Known, req: NotifyRequest): Audience {
    const profile = known.profiles.get(req.userId)!;
    const prefs = known.prefs.get(req.userId) ?? null;
    let choice = { ...defaultChoice(req.type), ...prefs?.channels[req.type] };
    if (TRANSACTIONAL.has(req.type)) choice = { ...choice, inApp: true, email: true };
    if (req.only) {
      const key = {
        IN_APP: 'inApp',
        EMAIL: 'email',
        PUSH: 'push',
        WEBHOOK: 'webhook',
        WHATSAPP: 'whatsapp',
      } as const;
      choice = { inApp: true, email: false, push: false, webhook: false, whatsapp: false };
      choice[key[req.only]] = true;
    }
    return { profile, prefs, language: languageOf(profile.locale), choice };
  }

  private deliveries(
    known: Known,
    req: NotifyRequest,
    a: Audience,
    msg: Message,
    notification: NotificationRecord | null,
  ): NewDelivery[] {
    const now = this.clock.now();
    const quiet =
      a.prefs?.quietStart && a.prefs.quietEnd && !TRANSACTIONAL.has(req.type)
        ? { start: a.prefs.quietStart, end: a.prefs.quietEnd }
        : null;
    const base = { userId: req.userId, notificationId: notification?.id ?? null, type: req.type };
    const due = (channel: Channel) =>
      DEFERRABLE.has(channel) ? releaseTime(now, quiet, a.profile.timeZone) : now;
    const out: NewDelivery[] = [];
    const want = (c: Channel) => !req.only || req.only === c;
    if (notification && want(Channel.IN_APP)) {
      const status = a.choice.inApp ? DeliveryStatus.SENT : DeliveryStatus.SKIPPED;
      out.push({
        ...base,
        channel: Channel.IN_APP,
        target: null,
        status,
        payload: null,
        nextAttemptAt: now,
        sentAt: a.choice.inApp ? now : null,
      });
    }
    if (a.choice.email && want(Channel.EMAIL))
      out.push(this.email(base, req, a, msg, due(Channel.EMAIL)));
    if (a.choice.push && want(Channel.PUSH)) {
      const subs = known.subs.get(req.userId) ?? [];
      for (const s of subs) {
        const payload = {
          title: msg.title,
          body: msg.body,
          type: req.type,
          notificationId: notification?.id ?? null,
        };
        out.push({
          ...base,
          channel: Channel.PUSH,
          target: s.id,
          status: DeliveryStatus.QUEUED,
          payload,
          nextAttemptAt: due(Channel.PUSH),
        });
      }
    }
    if (a.choice.whatsapp && want(Channel.WHATSAPP)) {
      const number = a.prefs?.whatsappConfirmedAt ? a.prefs.whatsappNumber : null;
      if (number) {
        const payload = { to: number, text: `${msg.title}\n${msg.body}`, language: a.language };
        out.push({
          ...base,
          channel: Channel.WHATSAPP,
          target: number,
          status: DeliveryStatus.QUEUED,
          payload,
          nextAttemptAt: due(Channel.WHATSAPP),
        });
      }
    }
    if (a.choice.webhook && want(Channel.WEBHOOK) && notification) {
      const endpoints = known.endpoints.get(req.userId) ?? [];
      for (const e of endpoints.filter((x) => x.types.length === 0 || x.types.includes(req.type))) {
        const payload = {
          type: `notification.${req.type.toLowerCase()}`,
          timestamp: now.toISOString(),
          data: { ...notification, readAt: null, createdAt: notification.createdAt.toISOString() },
        };
        out.push({
          ...base,
          channel: Channel.WEBHOOK,
          target: e.id,
          status: DeliveryStatus.QUEUED,
          payload,
          nextAttemptAt: now,
        });
      }
    }
    return out;
  }

  private email(
    base: Pick<NewDelivery, 'userId' | 'notificationId' | 'type'>,
    req: NotifyRequest,
    a: Audience,
    msg: Message,
    at: Date,
  ): NewDelivery {
    if (!a.profile.email) {
      return {
        ...base,
        channel: Channel.EMAIL,
        target: null,
        status: DeliveryStatus.SKIPPED,
        payload: null,
        lastError: 'no email address known for the user',
        nextAttemptAt: at,
      };
    }
    const unsubscribeUrl = TRANSACTIONAL.has(req.type)
      ? null
      : `${this.appUrl}/settings/notifications?unsubscribe=${req.type}`;
    const rendered = renderEmail({
      ...msg,
      language: a.language,
      action: req.emailAction,
      unsubscribeUrl,
    });
    const payload = { to: a.profile.email, ...rendered, unsubscribeUrl };
    return {
      ...base,
      channel: Channel.EMAIL,
      target: a.profile.email,
      status: DeliveryStatus.QUEUED,
      payload,
      nextAttemptAt: at,
    };
  }
}
