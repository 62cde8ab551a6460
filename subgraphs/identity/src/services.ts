import type { Logger, RequestContext } from '@saldo/kit';
import { ApiKeys } from './api-keys/api-key.service';
import type { IdentitySettings } from './config';
import { PasswordResets } from './password-reset/password-reset.service';
import { Credentials } from './passwords/credentials.service';
import { PasswordHasher } from './passwords/password-hasher';
import { Sessions } from './sessions/session.service';
import { SignIn } from './sessions/sign-in.service';
import { SigningKeys } from './signing-keys/signing-key.service';
import { LoginThrottle } from './throttle/throttle.service';
import { Users } from './users/user.service';

export interface IdentityServices {
  users: Users;
  signIn: SignIn;
  sessions: Sessions;
  resets: PasswordResets;
  apiKeys: ApiKeys;
  signingKeys: SigningKeys;
}

export function signingKeysFor(settings: IdentitySettings): SigningKeys {
  return new SigningKeys({
    secret: settings.SIGNING_KEY_SECRET,
    activationDelaySeconds: settings.SIGNING_KEY_ACTIVATION_DELAY_SECONDS,
    retireAfterSeconds:
      settings.ACCESS_TOKEN_TTL_SECONDS + settings.SIGNING_KEY_RETIRE_MARGIN_SECONDS,
  });
}

/** Builds the services once per running subgraph. */
export function createServices(settings: IdentitySettings, log: Logger): IdentityServices {
  const signingKeys = signingKeysFor(settings);
  const lockoutSeconds = settings.THROTTLE_LOCKOUT_SECONDS;
  const throttle = new LoginThrottle({
    email: { maxFailures: settings.THROTTLE_EMAIL_MAX_FAILURES, lockoutSeconds },
    ip: { maxFailures: settings.THROTTLE_IP_MAX_FAILURES, lockoutSeconds },
  });
  const credentials = new Credentials(new PasswordHasher(), throttle);
  const sessions = new Sessions(
    {
      accessTokenTtlSeconds: settings.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: settings.REFRESH_TOKEN_TTL_SECONDS,
    },
    signingKeys,
    log,
  );
  return {
    users: new Users(credentials, sessions),
    signIn: new SignIn(credentials, sessions),
    sessions,
    resets: new PasswordResets(settings.PASSWORD_RESET_TTL_SECONDS, credentials, sessions),
    apiKeys: new ApiKeys(settings.API_KEYS_PER_USER),
    signingKeys,
  };
}

/** What identity's resolvers receive: the kit's request context with identity's services. */
export type IdentityContext = RequestContext<IdentityServices>;
