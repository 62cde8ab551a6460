import { z } from 'zod';
import { baseConfigSchema, ConfigError, parseConfig } from './config';

describe('parseConfig', () => {
  it('lists every bad variable at once', () => {
    const schema = baseConfigSchema.extend({ PORT: z.coerce.number().int().min(1) });
    let error: unknown;
    try {
      parseConfig(schema, { PORT: 'abc', LOG_LEVEL: 'loud', DATABASE_URL: 'nope' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'LOG_LEVEL', 'DATABASE_URL', 'INTERNAL_JWT_PUBLIC_KEY']) {
      expect(problems).toContain(name);
    }
  });

  it('applies defaults and freezes the result', () => {
    const config = parseConfig(baseConfigSchema, { INTERNAL_JWT_PUBLIC_KEY: 'x' });
    expect(config.NATS_URL).toBe('nats://127.0.0.1:4222');
    expect(Object.isFrozen(config)).toBe(true);
  });
});
