import { notificationsSettings } from '../config';
import { SecretBox } from './secret-box';

describe('sealed secrets', () => {
  const key = 'k'.repeat(32);

  it('opens what it sealed, with a fresh IV each time', () => {
    const box = new SecretBox(key);
    const a = box.seal('whsec_abc');
    expect(a).not.toContain('whsec_abc');
    expect(box.seal('whsec_abc')).not.toBe(a);
    expect(box.open(a)).toBe('whsec_abc');
  });

  it('refuses another key and a tampered box', () => {
    const sealed = new SecretBox(key).seal('whsec_abc');
    expect(() => new SecretBox('x'.repeat(32)).open(sealed)).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => new SecretBox(key).open(parts.join('.'))).toThrow();
    expect(() => new SecretBox('short')).toThrow(/32 characters/);
  });

  it('is required in production, where private targets are refused by default', () => {
    expect(() => notificationsSettings({ NODE_ENV: 'production' })).toThrow(
      /NOTIFICATIONS_SECRET_KEY/,
    );
    const prod = notificationsSettings({ NODE_ENV: 'production', NOTIFICATIONS_SECRET_KEY: key });
    expect(prod.allowPrivateTargets).toBe(false);
    expect(notificationsSettings({ NODE_ENV: 'development' }).allowPrivateTargets).toBe(true);
  });
});
