import type { KeyObject } from 'node:crypto';
import type { EntityManager } from '@saldo/kit';
import type { SigningKey } from './access-token';
import {
  generateSigningKey,
  openPrivateKey,
  sealPrivateKey,
  SIGNING_ALGORITHM,
  type PublicJwk,
} from './key-material';
import { SigningKeyEntity } from './signing-key.entity';

// Serialises key creation across replicas and the rotation command (any fixed 64-bit number).
const KEY_LOCK = 7432301;

export interface SigningKeySettings {
  secret: string | undefined;
  /** How long a new key is published before it starts signing. */
  activationDelaySeconds: number;
  /** Access-token lifetime plus clock-skew margin: how long a replaced key stays published. */
  retireAfterSeconds: number;
}

export interface Rotation {
  kid: string;
  activatesAt: Date;
  retired: string[];
  pruned: string[];
}

const later = (date: Date, seconds: number) => new Date(date.getTime() + seconds * 1000);

/** Access-token signing keys, kept in the identity database and shared by every replica. */
export class SigningKeys {
  // Private keys already decrypted and parsed, by kid (a key never changes once written).
  private readonly opened = new Map<string, KeyObject>();

  constructor(private readonly settings: SigningKeySettings) {}

  /** Creates a key that signs at once if none signs yet (called at start). */
  async ensureActive(em: EntityManager): Promise<string> {
    return em.transactional(async (tx) => {
      await tx.execute('select pg_advisory_xact_lock(?)', [KEY_LOCK]);
      const active = await this.findSigner(tx);
      return active ? active.kid : this.insertKey(tx, new Date());
    });
  }

  /**
   * Publishes a new key that takes over signing after the activation delay. The keys it
   * replaces stay published until every token they can have signed has expired; keys
   * past that are deleted.
   */
  async rotate(em: EntityManager): Promise<Rotation> {
    return em.transactional(async (tx) => {
      await tx.execute('select pg_advisory_xact_lock(?)', [KEY_LOCK]);
      const now = new Date();
      // Nothing signs yet (a fresh database): no cached key set to wait for.
      const delay = (await this.findSigner(tx)) ? this.settings.activationDelaySeconds : 0;
      const activatesAt = later(now, delay);
      const publishUntil = later(activatesAt, this.settings.retireAfterSeconds);
      const pruned = await tx.find(SigningKeyEntity, { publishUntil: { $lte: now } });
      tx.remove(pruned);
      const replaced = await tx.find(SigningKeyEntity, { publishUntil: null });
      for (const key of replaced) Object.assign(key, { retiredAt: activatesAt, publishUntil });
      const kid = await this.insertKey(tx, activatesAt);
      return {
        kid,
        activatesAt,
        retired: replaced.map((k) => k.kid),
        pruned: pruned.map((k) => k.kid),
      };
    });
  }

  /** The key that signs new tokens now. */
  async signer(em: EntityManager): Promise<SigningKey> {
    const row = await this.findSigner(em, true);
    if (!row) throw new Error('No active signing key: the start-up check did not run');
    let key = this.opened.get(row.kid);
    if (!key) {
      key = openPrivateKey(row, this.settings.secret);
      this.opened.set(row.kid, key);
    }
    return { kid: row.kid, key };
  }

  /** Public keys to publish, newest first: upcoming, active, and replaced but still verifying. */
  async published(em: EntityManager): Promise<PublicJwk[]> {
    const rows = await em.find(
      SigningKeyEntity,
      { $or: [{ publishUntil: null }, { publishUntil: { $gt: new Date() } }] },
      { orderBy: { activatesAt: 'desc' } },
    );
    return rows.map((row) => row.publicJwk);
  }

  private findSigner(em: EntityManager, withPrivate = false) {
    return em.findOne(
      SigningKeyEntity,
      { activatesAt: { $lte: new Date() } },
      {
        orderBy: { activatesAt: 'desc' },
        populate: withPrivate ? ['privateKey'] : [],
        disableIdentityMap: true,
      },
    );
  }

  private async insertKey(tx: EntityManager, activatesAt: Date): Promise<string> {
    const generated = await generateSigningKey();
    tx.create(SigningKeyEntity, {
      kid: generated.kid,
      algorithm: SIGNING_ALGORITHM,
      publicJwk: generated.publicJwk,
      ...sealPrivateKey(generated, this.settings.secret),
      activatesAt,
    });
    await tx.flush();
    return generated.kid;
  }
}
