import { DomainError, ErrorCode, type EntityManager } from '@saldo/kit';
import type { Credentials } from '../passwords/credentials.service';
import { parseEmail } from '../users/profile';
import { UserEntity } from '../users/user.entity';
import type { Session, Sessions } from './session.service';

// One answer for an unknown email and a wrong password: sign-in never confirms an account.
const WRONG_CREDENTIALS = 'Email or password is incorrect';

export class SignIn {
  constructor(
    private readonly credentials: Credentials,
    private readonly sessions: Sessions,
  ) {}

  async signIn(
    em: EntityManager,
    attempt: { email: string; password: string; clientIp: string | null },
  ): Promise<Session> {
    const email = parseEmail(attempt.email);
    const user = await em.findOne(UserEntity, { email }, { populate: ['passwordHash'] });
    const ok = await this.credentials.check(em, {
      email,
      clientIp: attempt.clientIp,
      stored: user?.passwordHash ?? null,
      password: attempt.password,
    });
    if (!ok || !user) throw new DomainError(ErrorCode.UNAUTHENTICATED, WRONG_CREDENTIALS);
    return this.sessions.start(em, user);
  }
}
