import { ConfigError, parseConfig } from '@saldo/kit';
import { configSchema, identitySettings } from './config';

const env = { INTERNAL_JWT_PUBLIC_KEY: 'pem' };

describe('identity config', () => {
  it('defaults to 15-minute access tokens and 30-day refresh tokens', () => {
    const config = parseConfig(configSchema, env);
    expect(config).toMatchObject({
      PORT: 4001,
      ACCESS_TOKEN_TTL_SECONDS: 900,
      REFRESH_TOKEN_TTL_SECONDS: 30 * 86_400,
      SIGNING_KEY_ACTIVATION_DELAY_SECONDS: 120,
    });
    expect(config.SIGNING_KEY_SECRET).toBeUndefined();
  });

  it('refuses access tokens longer than 15 minutes and short signing secrets', () => {
    const run = () =>
      parseConfig(configSchema, {
        ...env,
        ACCESS_TOKEN_TTL_SECONDS: '3600',
        SIGNING_KEY_SECRET: 'x',
      });
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(/ACCESS_TOKEN_TTL_SECONDS[\s\S]*SIGNING_KEY_SECRET/);
  });

  it('requires a signing-key secret in production', () => {
    expect(() => parseConfig(configSchema, { ...env, NODE_ENV: 'production' })).toThrow(
      /SIGNING_KEY_SECRET: required in production/,
    );
  });

  it('fills identity defaults into a partial config built in code', () => {
    expect(identitySettings({ ACCESS_TOKEN_TTL_SECONDS: 5 })).toMatchObject({
      ACCESS_TOKEN_TTL_SECONDS: 5,
      THROTTLE_EMAIL_MAX_FAILURES: 10,
    });
  });
});
