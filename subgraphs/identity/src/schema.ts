import type { FederatedSchemaOptions } from '@saldo/kit';
import { ApiKeyResolver } from './api-keys/api-key.resolver';
import { PasswordResetResolver } from './password-reset/password-reset.resolver';
import { SessionResolver } from './sessions/session.resolver';
import { resolveUsers } from './users/user.reference';
import { UserResolver } from './users/user.resolver';

export const schemaOptions: FederatedSchemaOptions = {
  resolvers: [UserResolver, SessionResolver, PasswordResetResolver, ApiKeyResolver],
  references: { User: resolveUsers },
};
