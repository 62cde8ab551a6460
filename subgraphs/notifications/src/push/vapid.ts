import { query, queryOne, type EntityManager } from '@saldo/kit';
import webPush from 'web-push';
import type { SecretBox } from '../common/secret-box';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/**
 * The VAPID key pair: from configuration when given, else generated once and stored
 * (private half sealed), so every replica and restart signs with the same key and the
 * browsers' subscriptions stay valid.
 */
export class VapidKeyStore {
  private cached: VapidKeys | null;

  constructor(
    private readonly box: SecretBox,
    configured: Partial<VapidKeys>,
  ) {
    this.cached =
      configured.publicKey && configured.privateKey
        ? { publicKey: configured.publicKey, privateKey: configured.privateKey }
        : null;
  }

  async keys(em: EntityManager): Promise<VapidKeys> {
    if (this.cached) return this.cached;
    let row = await queryOne<{ public_key: string; private_key_enc: string }>(
      em,
      'select public_key, private_key_enc from vapid_keys where id = 1',
    );
    if (!row) {
      const fresh = webPush.generateVAPIDKeys();
      // Two replicas racing: the first insert wins, both read it back.
      await query(
        em,
        `insert into vapid_keys (id, public_key, private_key_enc) values (1, ?, ?)
         on conflict (id) do nothing`,
        [fresh.publicKey, this.box.seal(fresh.privateKey)],
      );
      row = await queryOne<{ public_key: string; private_key_enc: string }>(
        em,
        'select public_key, private_key_enc from vapid_keys where id = 1',
      );
    }
    this.cached = { publicKey: row!.public_key, privateKey: this.box.open(row!.private_key_enc) };
    return this.cached;
  }
}
