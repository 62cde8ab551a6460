import { DomainError } from '@saldo/kit';
import { parseEmail, parseLocale, parseName, parseTimeZone } from './profile';

const fieldOf = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.details['field'];
  }
  return undefined;
};

describe('profile fields', () => {
  it('normalises emails and refuses malformed ones', () => {
    expect(parseEmail('  Ana.Souza@Example.COM ')).toBe('ana.souza@example.com');
    for (const bad of ['ana', 'ana@', '@x.com', 'ana@x', 'a b@x.com', 'a@@x.com', 'a@x..com']) {
      expect(fieldOf(() => parseEmail(bad))).toBe('email');
    }
    expect(fieldOf(() => parseEmail(`${'a'.repeat(250)}@x.com`))).toBe('email');
  });

  it('trims names and bounds their length', () => {
    expect(parseName('  Ana   Souza ')).toBe('Ana Souza');
    expect(fieldOf(() => parseName('   '))).toBe('name');
    expect(fieldOf(() => parseName('x'.repeat(101)))).toBe('name');
  });

  it('accepts IANA time zones only', () => {
    expect(parseTimeZone('Europe/Lisbon')).toBe('Europe/Lisbon');
    expect(fieldOf(() => parseTimeZone('Mars/Olympus'))).toBe('timeZone');
    expect(fieldOf(() => parseTimeZone(''))).toBe('timeZone');
  });

  it('accepts the supported locales, case-insensitively', () => {
    expect(parseLocale('pt-br')).toBe('pt-BR');
    expect(parseLocale('en')).toBe('en');
    expect(fieldOf(() => parseLocale('xx'))).toBe('locale');
  });
});
