import { badInput, DEFAULT_TIME_ZONE, isValidTimeZone } from '@saldo/kit';

export const SUPPORTED_LOCALES = ['pt-BR', 'en'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'pt-BR';
export { DEFAULT_TIME_ZONE };

const MAX_EMAIL_LENGTH = 254;
const MAX_NAME_LENGTH = 100;
// Deliberately simple: one @, no spaces, a dot in the domain. Delivery proves the rest.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** Trimmed and lower-cased, so `Ana@X.com ` and `ana@x.com` are one account. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function isEmail(email: string): boolean {
  return email.length <= MAX_EMAIL_LENGTH && EMAIL.test(email);
}

/** The normalised email, or BAD_USER_INPUT naming the field. */
export function parseEmail(raw: string, field = 'email'): string {
  const email = normaliseEmail(raw);
  if (!isEmail(email)) throw badInput('Enter a valid email address', { field });
  return email;
}

export function parseName(raw: string): string {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (name.length === 0) throw badInput('Name must not be empty', { field: 'name' });
  if (name.length > MAX_NAME_LENGTH) {
    throw badInput(`Name must have at most ${MAX_NAME_LENGTH} characters`, { field: 'name' });
  }
  return name;
}

export function parseTimeZone(raw: string): string {
  const timeZone = raw.trim();
  if (timeZone === '' || !isValidTimeZone(timeZone)) {
    throw badInput(`Unknown time zone "${raw}"; use an IANA name such as America/Sao_Paulo`, {
      field: 'timeZone',
    });
  }
  return timeZone;
}

export function parseLocale(raw: string): Locale {
  const found = SUPPORTED_LOCALES.find((l) => l.toLowerCase() === raw.trim().toLowerCase());
  if (!found) {
    throw badInput(`Unsupported locale "${raw}"; use one of ${SUPPORTED_LOCALES.join(', ')}`, {
      field: 'locale',
    });
  }
  return found;
}
