import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Secrets that must be read back to be used (webhook signing secrets, the VAPID private
 * key) are stored encrypted with AES-256-GCM under a key from configuration, so a copy
 * of the database alone does not let anyone sign as Saldo. Format: v1.<iv>.<tag>.<data>.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(keyBase64: string | undefined) {
    if (keyBase64) {
      this.key = Buffer.from(keyBase64, 'base64');
      if (this.key.length !== 32) throw new Error('NOTIFICATIONS_SECRET_KEY must be 32 bytes');
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
