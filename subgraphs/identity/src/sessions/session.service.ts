import { LockMode } from '@mikro-orm/core';
import {
  DomainError,
  ErrorCode,
  newId,
  USER_SCOPES,
  type EntityManager,
  type Logger,
} from '@saldo/kit';
import { randomToken, sha256 } from '../crypto/secrets';
import { signAccessToken } from '../signing-keys/access-token';
import type { SigningKeys } from '../signing-keys/signing-key.service';
import { UserEntity } from '../users/user.entity';
import { RefreshTokenEntity } from './refresh-token.entity';

export interface SessionSettings {
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
}

/** What a client holds after signing in. */
export interface Session {
  accessToken: string;
  /** When the access token expires. */
  expiresAt: Date;
  refreshToken: string;
  user: UserEntity;
}

const invalidRefreshToken = () =>
  new DomainError(ErrorCode.UNAUTHENTICATED, 'Invalid or expired refresh token; sign in again');

/** Access tokens (JWT, short-lived) and refresh tokens (opaque, rotated, families). */
export class Sessions {
  constructor(
    private readonly settings: SessionSettings,
    private readonly keys: SigningKeys,
    private readonly log: Logger,
  ) {}

  /** A new session (a new refresh-token family) for a user who just proved who they are. */
  start(em: EntityManager, user: UserEntity): Promise<Session> {
    return this.issue(em, user, newId());
  }

  /**
   * Trades a refresh token for a new pair. A token already traded means it leaked (or a
   * client raced itself): the whole family is revoked and the caller must sign in again.
   */
  async refresh(em: EntityManager, refreshToken: string): Promise<Session> {
    const session = await em.transactional(async (tx) => {
      const row = await tx.findOne(
        RefreshTokenEntity,
        { tokenHash: sha256(refreshToken) },
        { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
      );
      if (!row || row.revokedAt !== null || row.expiresAt <= new Date()) return null;
      if (row.usedAt !== null) {
        await this.revokeFamily(tx, row.familyId);
        this.log.warn({ familyId: row.familyId, userId: row.userId }, 'refresh token reused');
        return null;
      }
      row.usedAt = new Date();
      const user = await tx.findOneOrFail(UserEntity, row.userId);
      return this.issue(tx, user, row.familyId);
    });
    if (!session) throw invalidRefreshToken();
    return session;
  }

  /** Ends the session the token belongs to, if it is the caller's; silent otherwise. */
  async signOut(em: EntityManager, userId: string, refreshToken: string): Promise<void> {
    const row = await em.findOne(RefreshTokenEntity, {
      tokenHash: sha256(refreshToken),
      userId,
    });
    if (row) await this.revokeFamily(em, row.familyId);
  }

  /** Signs the user out everywhere (password changed or reset). */
  async revokeAll(em: EntityManager, userId: string): Promise<void> {
    await em.nativeUpdate(
      RefreshTokenEntity,
      { userId, revokedAt: null },
      { revokedAt: new Date() },
    );
  }

  private async revokeFamily(em: EntityManager, familyId: string): Promise<void> {
    await em.nativeUpdate(
      RefreshTokenEntity,
      { familyId, revokedAt: null },
      { revokedAt: new Date() },
    );
  }

  private async issue(em: EntityManager, user: UserEntity, familyId: string): Promise<Session> {
    const refreshToken = randomToken(32);
    const now = new Date();
    em.create(RefreshTokenEntity, {
      familyId,
      userId: user.id,
      tokenHash: sha256(refreshToken),
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.settings.refreshTokenTtlSeconds * 1000),
      usedAt: null,
      revokedAt: null,
    });
    await em.flush();
    const access = await signAccessToken(
      await this.keys.signer(em),
      { userId: user.id, scopes: USER_SCOPES, timeZone: user.timeZone },
      this.settings.accessTokenTtlSeconds,
      now,
    );
    return { accessToken: access.token, expiresAt: access.expiresAt, refreshToken, user };
  }
}
