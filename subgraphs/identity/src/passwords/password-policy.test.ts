import { passwordPolicyError, passwordProblem } from './password-policy';

const email = 'ana.souza@example.com';

describe('password policy', () => {
  it('accepts long passwords mixing two kinds of characters', () => {
    expect(passwordProblem('correct horse 42', email)).toBeNull();
    expect(passwordProblem('Tr0ub4dor&3x', email)).toBeNull();
  });

  it.each([
    ['Sh0rt!', 'too short (minimum 10)'],
    ['a'.repeat(129) + '1', 'too long (maximum 128)'],
    ['onlylowercaseletters', 'uses only one kind of character'],
    ['12345678901234', 'uses only one kind of character'],
    ['Password123', 'is too common'],
  ])('refuses %j: %s', (password, reason) => {
    expect(passwordProblem(password, email)).toBe(reason);
  });

  it('refuses the email or its local part, whatever the case', () => {
    expect(passwordProblem('ANA.SOUZA@example.com', email)).toBe('is your email');
    expect(passwordProblem('Ana.Souza1', 'ana.souza1@example.com')).toBe('is your email');
  });

  it('explains the rules in a BAD_USER_INPUT naming the field', () => {
    const error = passwordPolicyError('short', email, 'newPassword');
    expect(error?.code).toBe('BAD_USER_INPUT');
    expect(error?.details).toEqual({ field: 'newPassword', reason: 'too short (minimum 10)' });
    expect(error?.message).toMatch(/^Password too short \(minimum 10\)\. Password must have 10/);
    expect(passwordPolicyError('correct horse 42', email)).toBeNull();
  });
});
