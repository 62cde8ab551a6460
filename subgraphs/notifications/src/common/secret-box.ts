import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Secrets that must be read back to be used (webhook signing secrets, the VAPID private
 * key) are stored encrypted with AES-256-GCM under a key from configuration, so a copy
 * of the database alone does not let anyone sign as Saldo. Format: v1.<iv>.<tag>.<data>.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(secret: string | undefined) {
    if (secret) {
      if (secret.length < 32) throw new Error('NOTIFICATIONS_SECRET_KEY: 32 characters at least');
      // HKDF with this box's own label: a secret shared with another use still gives a
      // key of its own.
      this.key = Buffer.from(hkdfSync('sha256', secret, '', 'saldo notifications secret box', 32));
    } else {
      // Development and tests only (production refuses to start without a key).
      this.key = createHash('sha256').update('saldo-development-notifications-key').digest();
    }
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url'));
    return `v1.${parts.join('.')}`;
  }

  open(sealed: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('bad sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(data, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  }
}
