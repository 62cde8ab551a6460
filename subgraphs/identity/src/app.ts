import { createSubgraph } from '@saldo/kit';
import { migrations } from '../migrations';
import { ApiKeyEntity } from './api-keys/api-key.entity';
import { VERIFY_PATH, verifyApiKeyRoute } from './api-keys/verify.route';
import { identitySettings, type IdentityConfig } from './config';
import { PasswordResetEntity } from './password-reset/password-reset.entity';
import { schemaOptions } from './schema';
import { createServices } from './services';
import { RefreshTokenEntity } from './sessions/refresh-token.entity';
import { JWKS_PATH, jwksRoute } from './signing-keys/jwks.route';
import { SigningKeyEntity } from './signing-keys/signing-key.entity';
import { UserEntity } from './users/user.entity';

export const entities = [
  UserEntity,
  RefreshTokenEntity,
  ApiKeyEntity,
  PasswordResetEntity,
  SigningKeyEntity,
];

/** Starts the identity subgraph; `database` overrides `saldo_identity` (tests). */
export async function startIdentity(config: IdentityConfig, database?: string) {
  const settings = identitySettings(config);
  return createSubgraph({
    name: 'identity',
    config,
    database,
    entities,
    migrations,
    schema: schemaOptions,
    streams: ['identity'],
    services: (runtime) => createServices(settings, runtime.log),
    routes: (runtime, services) => ({
      [`GET ${JWKS_PATH}`]: jwksRoute(runtime.orm, services.signingKeys),
      [`POST ${VERIFY_PATH}`]: verifyApiKeyRoute(runtime, services.apiKeys),
    }),
    background: async (runtime, services) => {
      await services.resets.ensureStream(runtime.messaging);
      await services.signingKeys.ensureActive(runtime.orm.em.fork());
      // Opens the private key now, so a missing SIGNING_KEY_SECRET fails the start, not a sign-in.
      const { kid } = await services.signingKeys.signer(runtime.orm.em.fork());
      runtime.log.info({ kid }, 'access tokens signed with key');
      return async () => undefined;
    },
  });
}
