import { badInput, type EntityManager } from '@saldo/kit';
import { checkTarget, TargetRefused } from '../common/outbound';
import { PushSubscriptionEntity } from './push.entity';
import type { VapidKeyStore } from './vapid';

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

export class PushService {
  constructor(
    private readonly vapid: VapidKeyStore,
    private readonly allowPrivate: boolean,
  ) {}

  async publicKey(em: EntityManager): Promise<string> {
    return (await this.vapid.keys(em)).publicKey;
  }

  /** Registers (or moves to this user) a browser's subscription. */
  async register(
    em: EntityManager,
    userId: string,
    input: { endpoint: string; p256dh: string; auth: string },
  ): Promise<PushSubscriptionEntity> {
    try {
      checkTarget(input.endpoint, this.allowPrivate);
    } catch (error) {
      const reason = error instanceof TargetRefused ? error.message : 'invalid';
      throw badInput(`endpoint refused: ${reason}`, { field: 'endpoint' });
    }
    const p256dh = Buffer.from(input.p256dh, 'base64url');
    if (!BASE64URL.test(input.p256dh) || p256dh.length !== 65 || p256dh[0] !== 4) {
      throw badInput('p256dh must be an uncompressed P-256 public key, base64url', {
        field: 'p256dh',
      });
    }
    if (!BASE64URL.test(input.auth) || Buffer.from(input.auth, 'base64url').length !== 16) {
      throw badInput('auth must be 16 bytes, base64url', { field: 'auth' });
    }
    let sub = await em.findOne(PushSubscriptionEntity, { endpoint: input.endpoint });
    if (sub) Object.assign(sub, { userId, p256dh: input.p256dh, auth: input.auth });
    else sub = em.create(PushSubscriptionEntity, { userId, ...input });
    await em.persistAndFlush(sub);
    return sub;
  }

  async remove(em: EntityManager, userId: string, endpoint: string): Promise<boolean> {
    return (await em.nativeDelete(PushSubscriptionEntity, { userId, endpoint })) > 0;
  }
}
