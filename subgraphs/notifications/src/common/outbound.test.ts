import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { checkTarget, isPublicAddress, post, TargetRefused } from './outbound';

describe('outbound targets', () => {
  it('tells public unicast from private, loopback, link-local and mapped addresses', () => {
    expect(isPublicAddress('93.184.216.34')).toBe(true);
    expect(isPublicAddress('2606:4700::1111')).toBe(true);
    for (const a of [
      '127.0.0.1',
      '10.0.0.1',
      '172.16.5.4',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fe80::1',
      'fc00::1',
      '::ffff:10.0.0.1',
      '0.0.0.0',
      '100.64.0.1',
    ])
      expect([a, isPublicAddress(a)]).toEqual([a, false]);
  });

  it('refuses private literals and localhost unless allowed', () => {
    expect(() => checkTarget('http://127.0.0.1:8080/x', false)).toThrow(TargetRefused);
    expect(() => checkTarget('http://localhost/x', false)).toThrow(TargetRefused);
    expect(() => checkTarget('http://[::1]/x', false)).toThrow(TargetRefused);
    expect(checkTarget('http://127.0.0.1:8080/x', true).port).toBe('8080');
    expect(() => checkTarget('file:///etc/passwd', true)).toThrow(TargetRefused);
  });

  it('refuses a host name that resolves to a private address, at connect time', async () => {
    // The machine's own name resolves locally (/etc/hosts) and passes the name check.
    const host = hostname();
    const { address } = await lookup(host);
    expect(isPublicAddress(address)).toBe(false);
    await expect(
      post(`http://${host}:9/x`, {}, 'x', { allowPrivate: false, timeoutMs: 2000 }),
    ).rejects.toThrow(/resolves to no public address/);
  });
});
