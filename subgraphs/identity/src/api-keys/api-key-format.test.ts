import { DomainError, Scope } from '@saldo/kit';
import { apiKeyPrefix, generateApiKey, parseKeyName, parseScopes } from './api-key-format';

describe('API key format', () => {
  it('generates keys whose prefix can be read back', () => {
    const key = generateApiKey();
    expect(key.secret).toMatch(/^saldo_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(apiKeyPrefix(key.secret)).toBe(key.prefix);
    expect(generateApiKey().secret).not.toBe(key.secret);
  });

  it('rejects anything not shaped like a key', () => {
    for (const bad of [
      '',
      'saldo_',
      `saldo_zzzzzzzzzzzz_${'a'.repeat(43)}`,
      `x${generateApiKey().secret}`,
    ]) {
      expect(apiKeyPrefix(bad)).toBeNull();
    }
  });

  it('accepts data scopes, de-duplicated in catalogue order', () => {
    expect(parseScopes(['cards:read', 'ledger:read', 'cards:read'])).toEqual([
      'ledger:read',
      'cards:read',
    ]);
  });

  it.each([[[Scope.PROFILE]], [[Scope.ADMIN]], [[Scope.ROUTER]], [['ledger:delete']], [[]]])(
    'refuses %j',
    (scopes) => {
      expect(() => parseScopes(scopes)).toThrow(DomainError);
    },
  );

  it('bounds key names', () => {
    expect(parseKeyName('  ERP sync ')).toBe('ERP sync');
    expect(() => parseKeyName(' ')).toThrow(DomainError);
  });
});
