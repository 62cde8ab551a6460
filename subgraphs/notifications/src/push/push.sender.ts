import type { EntityManager } from '@saldo/kit';
import webPush from 'web-push';
import { post, TargetRefused } from '../common/outbound';
import type { ClaimedDelivery } from '../delivery/delivery.repository';
import { errorText, type ChannelSender, type SendResult } from '../delivery/sender';
import { PushSubscriptionEntity } from './push.entity';
import type { VapidKeyStore } from './vapid';

/**
 * Web Push (RFC 8030/8291/8292): web-push encrypts the payload (aes128gcm) and signs the
 * VAPID JWT; the request itself goes through the guarded outbound POST. A push service
 * answering 404 or 410 has forgotten the subscription: it is removed.
 */
export class PushSender implements ChannelSender {
  constructor(
    private readonly vapid: VapidKeyStore,
    private readonly subject: string,
    private readonly options: { allowPrivate: boolean; timeoutMs: number },
  ) {}

  async send(d: ClaimedDelivery, em: EntityManager): Promise<SendResult> {
    const sub = await em.findOne(PushSubscriptionEntity, { id: d.target!, userId: d.userId! });
    if (!sub) return { ok: false, retry: false, skip: true, error: 'subscription removed' };
    const keys = await this.vapid.keys(em);
    try {
      const request = webPush.generateRequestDetails(
        { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
        JSON.stringify(d.payload),
        { vapidDetails: { subject: this.subject, ...keys }, TTL: 24 * 3600, urgency: 'normal' },
      );
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([k, v]) => [k, String(v)]),
      );
      const res = await post(request.endpoint, headers, request.body, this.options);
      if (res.status >= 200 && res.status < 300)
        return { ok: true, statusCode: res.status, latencyMs: res.latencyMs };
      if (res.status === 404 || res.status === 410) {
        await em.nativeDelete(PushSubscriptionEntity, { id: sub.id });
        return {
          ok: false,
          retry: false,
          error: `subscription expired (HTTP ${res.status})`,
          statusCode: res.status,
        };
      }
      const retry = res.status === 429 || res.status >= 500;
      return {
        ok: false,
        retry,
        error: `HTTP ${res.status}`,
        statusCode: res.status,
        latencyMs: res.latencyMs,
      };
    } catch (error) {
      return { ok: false, retry: !(error instanceof TargetRefused), error: errorText(error) };
    }
  }
}
