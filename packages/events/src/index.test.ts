import {
  DOMAINS,
  SECRET_EVENT_TYPES,
  domainOf,
  eventCatalog,
  identitySubjects,
  isEventType,
  isSecretEventType,
  ledgerSubjects,
} from '.';

describe('event catalog', () => {
  const types = Object.keys(eventCatalog);

  it('names every type <domain>.<entity>.<verb>, of a known domain', () => {
    for (const type of types) {
      expect(type).toMatch(/^[a-z]+\.[a-z_]+\.[a-z_]+$/);
      expect(DOMAINS).toContain(domainOf(type));
    }
  });

  it('knows its types and no others', () => {
    expect(isEventType('ledger.entry.created')).toBe(true);
    expect(isEventType('ledger.entry.exploded')).toBe(false);
    expect(isEventType('toString')).toBe(false);
    expect(() => domainOf('payroll.file.parsed')).toThrow(/no known domain/);
  });

  it("lists each domain file's subjects", () => {
    expect(identitySubjects).toContain('identity.user.registered');
    expect(ledgerSubjects.every((s) => s.startsWith('ledger.'))).toBe(true);
    expect(new Set(types).size).toBe(types.length);
  });

  it('marks the password-reset request, and only catalog types, as secret', () => {
    expect(isSecretEventType('identity.password_reset.requested')).toBe(true);
    expect(isSecretEventType('identity.user.registered')).toBe(false);
    for (const type of SECRET_EVENT_TYPES) expect(isEventType(type)).toBe(true);
  });

  it('validates payloads', () => {
    const ok = eventCatalog['identity.user.deleted'].safeParse({
      userId: '0190f0f0-0000-7000-8000-000000000000',
    });
    expect(ok.success).toBe(true);
    expect(eventCatalog['identity.user.deleted'].safeParse({ userId: 'x' }).success).toBe(false);
  });
});
