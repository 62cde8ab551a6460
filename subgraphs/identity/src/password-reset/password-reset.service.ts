import { LockMode } from '@mikro-orm/core';
import { badInput, event, recordEvents, type EntityManager, type Messaging } from '@saldo/kit';
import { randomToken, sha256 } from '../crypto/secrets';
import type { Credentials } from '../passwords/credentials.service';
import type { Sessions } from '../sessions/session.service';
import { parseEmail } from '../users/profile';
import { UserEntity } from '../users/user.entity';
import { PasswordResetEntity } from './password-reset.entity';

// A second request within this window sends nothing new (stops mail-bombing an address).
const RESEND_AFTER_MS = 60_000;

const invalidToken = () =>
  badInput('This password reset link is invalid or has expired; request a new one', {
    field: 'token',
  });

/** Single-use, expiring reset tokens, delivered by notifications through an event. */
export class PasswordResets {
  constructor(
    private readonly ttlSeconds: number,
    private readonly credentials: Credentials,
    private readonly sessions: Sessions,
  ) {}

  /**
   * The stream the reset event travels in, `IDENTITY_SECRETS`: it keeps a message no
   * longer than the token lives (the domain stream `IDENTITY` keeps events forever).
   */
  async ensureStream(messaging: Messaging): Promise<void> {
    await messaging.ensureSecretStream('identity', this.ttlSeconds * 1000);
  }

  /** Emits `identity.password_reset.requested` when the account exists; silent otherwise. */
  async request(em: EntityManager, rawEmail: string): Promise<void> {
    const email = parseEmail(rawEmail);
    const user = await em.findOne(UserEntity, { email });
    if (!user) return;
    await em.transactional(async (tx) => {
      await tx.execute('select id from users where id = ? for update', [user.id]);
      const recent = await tx.count(PasswordResetEntity, {
        userId: user.id,
        usedAt: null,
        createdAt: { $gt: new Date(Date.now() - RESEND_AFTER_MS) },
      });
      if (recent > 0) return;
      await this.supersede(tx, user.id);
      const token = randomToken(32);
      const expiresAt = new Date(Date.now() + this.ttlSeconds * 1000);
      tx.create(PasswordResetEntity, { userId: user.id, tokenHash: sha256(token), expiresAt });
      await tx.flush();
      await recordEvents(tx, [
        event('identity.password_reset.requested', user.id, {
          userId: user.id,
          email: user.email,
          name: user.name,
          locale: user.locale,
          token,
          expiresAt: expiresAt.toISOString(),
        }),
      ]);
    });
  }

  /** Sets the new password, spends the token and signs the user out everywhere. */
  async reset(em: EntityManager, token: string, newPassword: string): Promise<void> {
    const tokenHash = sha256(token);
    const pending = await em.findOne(PasswordResetEntity, { tokenHash });
    const user = pending ? await em.findOne(UserEntity, pending.userId) : null;
    if (!pending || !user || !usable(pending)) throw invalidToken();
    const passwordHash = await this.credentials.hashNew(newPassword, user.email, 'newPassword');
    await em.transactional(async (tx) => {
      const row = await tx.findOne(
        PasswordResetEntity,
        { tokenHash },
        { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
      );
      if (!row || !usable(row)) throw invalidToken();
      await tx.nativeUpdate(UserEntity, { id: user.id }, { passwordHash, updatedAt: new Date() });
      await this.supersede(tx, user.id);
      await this.sessions.revokeAll(tx, user.id);
      await this.credentials.forgetFailures(tx, user.email);
    });
  }

  private async supersede(tx: EntityManager, userId: string): Promise<void> {
    await tx.nativeUpdate(PasswordResetEntity, { userId, usedAt: null }, { usedAt: new Date() });
  }
}

function usable(row: PasswordResetEntity): boolean {
  return row.usedAt === null && row.expiresAt > new Date();
}
