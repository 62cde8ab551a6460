import { badInput, type DomainError } from '@saldo/kit';

export const MIN_PASSWORD_LENGTH = 10;
// argon2 cost grows with input; a cap stops a megabyte "password" from being a cheap DoS.
export const MAX_PASSWORD_LENGTH = 128;

const CLASSES = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/];

// The most common passwords that would otherwise pass the length and class rules.
const COMMON = new Set([
  'password123',
  'password1234',
  'password@123',
  'qwerty12345',
  'qwerty123456',
  'senha12345',
  'senha123456',
  'abc1234567',
  'abcd123456',
  'iloveyou123',
  'welcome123',
  'admin12345',
]);

export const PASSWORD_RULES =
  `Password must have ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters, ` +
  'mix at least two of lowercase letters, uppercase letters, digits and symbols, ' +
  'not be a common password and not be your email';

/** The reason a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, email: string): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `too short (minimum ${MIN_PASSWORD_LENGTH})`;
  if (length > MAX_PASSWORD_LENGTH) return `too long (maximum ${MAX_PASSWORD_LENGTH})`;
  if (CLASSES.filter((c) => c.test(password)).length < 2) return 'uses only one kind of character';
  const lower = password.toLowerCase();
  const normalisedEmail = email.trim().toLowerCase();
  const localPart = normalisedEmail.split('@')[0] ?? '';
  if (lower === normalisedEmail || lower === localPart) return 'is your email';
  if (COMMON.has(lower)) return 'is too common';
  return null;
}

/** BAD_USER_INPUT naming the field and every rule, or null. */
export function passwordPolicyError(
  password: string,
  email: string,
  field = 'password',
): DomainError | null {
  const problem = passwordProblem(password, email);
  if (problem === null) return null;
  return badInput(`Password ${problem}. ${PASSWORD_RULES}.`, { field, reason: problem });
}
