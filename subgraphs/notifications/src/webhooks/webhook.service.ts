import { randomBytes } from 'node:crypto';
import { badInput, notFound, paginate, type ConnectionValue, type EntityManager } from '@saldo/kit';
import { checkResolvable, TargetRefused } from '../common/outbound';
import type { SecretBox } from '../common/secret-box';
import { NotificationType } from '../catalog/types';
import {
  notificationRepository,
  type DeliveryRecord,
} from '../notifications/notification.repository';
import { WebhookEndpointEntity } from './webhook.entity';
import type { CreateWebhookEndpointInput } from './webhook.types';

const MAX_ENDPOINTS = 20;

/** A fresh Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

export class WebhookService {
  constructor(
    private readonly box: SecretBox,
    private readonly allowPrivate: boolean,
  ) {}

  list(em: EntityManager, userId: string) {
    return em.find(WebhookEndpointEntity, { userId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  async get(em: EntityManager, userId: string, id: string): Promise<WebhookEndpointEntity> {
    const endpoint = await em.findOne(WebhookEndpointEntity, { id, userId });
    if (!endpoint) throw notFound('WebhookEndpoint', id);
    return endpoint;
  }

  async create(em: EntityManager, userId: string, input: CreateWebhookEndpointInput) {
    await this.checkUrl(input.url);
    if ((await em.count(WebhookEndpointEntity, { userId })) >= MAX_ENDPOINTS) {
      throw badInput(`at most ${MAX_ENDPOINTS} webhook endpoints`, { field: 'url' });
    }
    const description = input.description?.trim() || null;
    if (description && description.length > 200) {
      throw badInput('description: 200 characters at most', { field: 'description' });
    }
    const secret = newSecret();
    const endpoint = em.create(WebhookEndpointEntity, {
      userId,
      url: input.url,
      description,
      types: [...new Set(input.types ?? [])].filter((t) => t !== NotificationType.PASSWORD_RESET),
      secretEnc: this.box.seal(secret),
    });
    await em.persistAndFlush(endpoint);
    return { endpoint, secret };
  }

  /** A new secret at once; the old one stops signing (shown this once, like at creation). */
  async rotate(em: EntityManager, userId: string, id: string) {
    const endpoint = await this.get(em, userId, id);
    const secret = newSecret();
    endpoint.secretEnc = this.box.seal(secret);
    await em.flush();
    return { endpoint, secret };
  }

  async enable(em: EntityManager, userId: string, id: string) {
    const endpoint = await this.get(em, userId, id);
    Object.assign(endpoint, { enabled: true, consecutiveFailures: 0, disabledAt: null });
    await em.flush();
    return endpoint;
  }

  async delete(em: EntityManager, userId: string, id: string): Promise<boolean> {
    const endpoint = await this.get(em, userId, id);
    await em.removeAndFlush(endpoint);
    return true;
  }

  async deliveries(
    em: EntityManager,
    userId: string,
    endpointId: string,
    args: { first?: number | null; after?: string | null },
  ): Promise<ConnectionValue<DeliveryRecord>> {
    await this.get(em, userId, endpointId);
    return paginate(
      args,
      'webhook-deliveries:created_desc',
      (d) => [d.createdAt.toISOString(), d.id],
      ({ limit, after }) =>
        notificationRepository.endpointDeliveries(em, userId, endpointId, limit, after),
    );
  }

  private async checkUrl(url: string): Promise<void> {
    if (url.length > 2000) throw badInput('url: 2000 characters at most', { field: 'url' });
    try {
      await checkResolvable(url, this.allowPrivate);
    } catch (error) {
      const reason = error instanceof TargetRefused ? error.message : 'the host does not resolve';
      throw badInput(`url refused: ${reason}`, { field: 'url' });
    }
  }
}
