import { Field, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '@saldo/kit';
import { User } from '../users/user.types';
import type { Session } from './session.service';

@ObjectType('AuthPayload', { description: 'A signed-in session.' })
export class AuthPayload {
  @Field(() => String, {
    description: 'JWT (EdDSA) for `Authorization: Bearer`; lives at most 15 minutes.',
  })
  accessToken!: string;

  @Field(() => String, {
    description:
      'Opaque and single-use: refreshSession trades it for a new pair. Lives 30 days by default.',
  })
  refreshToken!: string;

  @Field(() => DateTimeScalar, { description: 'When the access token expires.' })
  expiresAt!: Date;

  @Field(() => User)
  user!: User;

  static from(session: Session): AuthPayload {
    return Object.assign(new AuthPayload(), {
      accessToken: session.accessToken,
      refreshToken: session.refreshToken,
      expiresAt: session.expiresAt,
      user: User.from(session.user),
    });
  }
}
