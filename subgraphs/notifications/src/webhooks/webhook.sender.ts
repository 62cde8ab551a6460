import type { EntityManager } from '@saldo/kit';
import { Webhook } from 'standardwebhooks';
import type { SecretBox } from '../common/secret-box';
import { post, TargetRefused } from '../common/outbound';
import type { ClaimedDelivery } from '../delivery/delivery.repository';
import { errorText, type ChannelSender, type SendResult } from '../delivery/sender';
import { WebhookEndpointEntity } from './webhook.entity';

/**
 * Standard Webhooks: `webhook-id` is the delivery's id (the same on every retry, so the
 * receiver can deduplicate), `webhook-timestamp` the attempt's time, `webhook-signature`
 * v1,HMAC-SHA256 over "id.timestamp.body" with the endpoint's secret.
 */
export class WebhookSender implements ChannelSender {
  constructor(
    private readonly box: SecretBox,
    private readonly options: { allowPrivate: boolean; timeoutMs: number; disableAfter: number },
    private readonly now: () => Date,
  ) {}

  async send(d: ClaimedDelivery, em: EntityManager): Promise<SendResult> {
    const endpoint = await em.findOne(WebhookEndpointEntity, { id: d.target!, userId: d.userId! });
    if (!endpoint?.enabled)
      return { ok: false, retry: false, skip: true, error: 'endpoint disabled or deleted' };
    const body = JSON.stringify(d.payload);
    const at = this.now();
    const signature = new Webhook(this.box.open(endpoint.secretEnc)).sign(d.id, at, body);
    try {
      const res = await post(
        endpoint.url,
        {
          'content-type': 'application/json',
          'user-agent': 'Saldo-Webhooks/1.0',
          'webhook-id': d.id,
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': signature,
        },
        body,
        this.options,
      );
      if (res.status >= 200 && res.status < 300) {
        return { ok: true, statusCode: res.status, latencyMs: res.latencyMs };
      }
      return {
        ok: false,
        retry: true,
        error: `HTTP ${res.status}`,
        statusCode: res.status,
        latencyMs: res.latencyMs,
      };
    } catch (error) {
      return { ok: false, retry: !(error instanceof TargetRefused), error: errorText(error) };
    }
  }

  async succeeded(d: ClaimedDelivery, em: EntityManager): Promise<void> {
    await em.nativeUpdate(
      WebhookEndpointEntity,
      { id: d.target!, consecutiveFailures: { $gt: 0 } },
      { consecutiveFailures: 0 },
    );
  }

  /** Disabled after `disableAfter` deliveries in a row failed for good; the owner re-enables it. */
  async failed(d: ClaimedDelivery, em: EntityManager): Promise<void> {
    const endpoint = await em.findOne(WebhookEndpointEntity, { id: d.target! });
    if (!endpoint) return;
    endpoint.consecutiveFailures += 1;
    if (endpoint.enabled && endpoint.consecutiveFailures >= this.options.disableAfter) {
      endpoint.enabled = false;
      endpoint.disabledAt = this.now();
    }
    await em.flush();
  }
}
