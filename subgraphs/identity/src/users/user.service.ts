import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { badInput, event, notFound, recordEvents, type EntityManager, conflict } from '@saldo/kit';
import type { Credentials } from '../passwords/credentials.service';
import type { Session, Sessions } from '../sessions/session.service';
import {
  DEFAULT_LOCALE,
  DEFAULT_TIME_ZONE,
  parseEmail,
  parseLocale,
  parseName,
  parseTimeZone,
} from './profile';
import { UserEntity } from './user.entity';

export interface Registration {
  email: string;
  password: string;
  name: string;
  timeZone?: string | null;
  locale?: string | null;
}

export interface ProfileChange {
  name?: string | null;
  timeZone?: string | null;
  locale?: string | null;
}

/** Who is asking, for checks that count failed passwords. */
export interface Asker {
  userId: string;
  clientIp: string | null;
}

const profileOf = (u: UserEntity) => ({
  userId: u.id,
  email: u.email,
  name: u.name,
  timeZone: u.timeZone,
  locale: u.locale,
});

/** Accounts: registration, profile, password change, erasure. */
export class Users {
  constructor(
    private readonly credentials: Credentials,
    private readonly sessions: Sessions,
  ) {}

  /**
   * Creates the account and signs it in. A taken email is a CONFLICT: registration is
   * the one place that reveals an address is in use (as sign-up forms everywhere do).
   */
  async register(em: EntityManager, input: Registration): Promise<Session> {
    const email = parseEmail(input.email);
    const name = parseName(input.name);
    const timeZone = parseTimeZone(input.timeZone ?? DEFAULT_TIME_ZONE);
    const locale = parseLocale(input.locale ?? DEFAULT_LOCALE);
    const passwordHash = await this.credentials.hashNew(input.password, email);
    try {
      return await em.transactional(async (tx) => {
        const user = tx.create(UserEntity, { email, name, passwordHash, timeZone, locale });
        await tx.flush();
        await recordEvents(tx, [event('identity.user.registered', user.id, profileOf(user))]);
        return this.sessions.start(tx, user);
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw conflict('An account with this email already exists', {
          field: 'email',
        });
      }
      throw error;
    }
  }

  async get(em: EntityManager, userId: string): Promise<UserEntity> {
    const user = await em.findOne(UserEntity, userId);
    if (!user) throw notFound('User');
    return user;
  }

  /** Users by id, but only the caller's own row: anyone else resolves to null. */
  async visibleTo(em: EntityManager, ids: readonly string[], callerId: string | null) {
    const wanted = callerId !== null && ids.includes(callerId) ? [callerId] : [];
    const rows = wanted.length > 0 ? await em.find(UserEntity, { id: { $in: wanted } }) : [];
    return ids.map((id) => rows.find((row) => row.id === id) ?? null);
  }

  async updateProfile(em: EntityManager, userId: string, change: ProfileChange) {
    return em.transactional(async (tx) => {
      const user = await this.get(tx, userId);
      if (change.name != null) user.name = parseName(change.name);
      if (change.timeZone != null) user.timeZone = parseTimeZone(change.timeZone);
      if (change.locale != null) user.locale = parseLocale(change.locale);
      user.updatedAt = new Date();
      await tx.flush();
      await recordEvents(tx, [event('identity.user.updated', user.id, profileOf(user))]);
      return user;
    });
  }

  /** Sets a new password, signs out every session and starts a fresh one for the caller. */
  async changePassword(
    em: EntityManager,
    asker: Asker,
    passwords: { current: string; next: string },
  ): Promise<Session> {
    const user = await this.withPassword(em, asker, passwords.current, 'currentPassword');
    const passwordHash = await this.credentials.hashNew(passwords.next, user.email, 'newPassword');
    return em.transactional(async (tx) => {
      await tx.nativeUpdate(UserEntity, { id: user.id }, { passwordHash, updatedAt: new Date() });
      await this.sessions.revokeAll(tx, user.id);
      return this.sessions.start(tx, user);
    });
  }

  /** Erases the account: tokens, API keys and resets go with it (on delete cascade). */
  async deleteAccount(em: EntityManager, asker: Asker, password: string): Promise<void> {
    const user = await this.withPassword(em, asker, password, 'password');
    await em.transactional(async (tx) => {
      await tx.nativeDelete(UserEntity, { id: user.id });
      await this.credentials.forgetFailures(tx, user.email);
      await recordEvents(tx, [event('identity.user.deleted', user.id, { userId: user.id })]);
    });
  }

  private async withPassword(
    em: EntityManager,
    asker: Asker,
    password: string,
    field: string,
  ): Promise<UserEntity> {
    const user = await em.findOne(UserEntity, asker.userId, { populate: ['passwordHash'] });
    if (!user) throw notFound('User');
    const ok = await this.credentials.check(em, {
      email: user.email,
      clientIp: asker.clientIp,
      stored: user.passwordHash,
      password,
    });
    if (!ok) throw badInput('Password is incorrect', { field });
    return user;
  }
}
