import { ConfigError, parseConfig } from '@saldo/kit';
import { clockTime, configSchema, consolidationSettings } from './config';

const base = { INTERNAL_JWT_PUBLIC_KEY: 'pem' };

describe('consolidation config', () => {
  it('defaults to a close at 08:30 after a 30-minute settle delay, on port 4003', () => {
    const config = parseConfig(configSchema, base);
    expect(config).toMatchObject({ PORT: 4003, CLOSE_AT: '08:30', SETTLE_DELAY_MINUTES: 30 });
    expect(clockTime(config.CLOSE_AT)).toEqual({ hour: 8, minute: 30 });
  });

  it('lists every bad variable at once', () => {
    const bad = () =>
      parseConfig(configSchema, { ...base, CLOSE_AT: '24:00', SETTLE_DELAY_MINUTES: '-1' });
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/CLOSE_AT: HH:MM, 24-hour[\s\S]*SETTLE_DELAY_MINUTES/);
  });

  it('fills in defaults for settings built in code', () => {
    expect(consolidationSettings({ CLOSE_AT: '07:00' })).toMatchObject({
      CLOSE_AT: '07:00',
      MAX_RANGE_DAYS: 366,
    });
  });
});
