import { badInput } from '@saldo/kit';
import { normalise } from '../categorise/normalise';

export enum RuleField {
  DESCRIPTION = 'DESCRIPTION',
  AMOUNT = 'AMOUNT',
  ACCOUNT = 'ACCOUNT',
  KIND = 'KIND',
}

export enum RuleOperator {
  CONTAINS = 'CONTAINS',
  EQUALS = 'EQUALS',
  STARTS_WITH = 'STARTS_WITH',
  MATCHES = 'MATCHES',
  GREATER_THAN = 'GREATER_THAN',
  LESS_THAN = 'LESS_THAN',
}

export interface Condition {
  field: RuleField;
  operator: RuleOperator;
  value: string;
}

/** What a rule looks at: the description as written, a positive decimal amount, account, kind. */
export interface RuleSubject {
  description: string;
  amount: string;
  kind: string;
  accountId: string | null;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;
const SCALE = 8;

/** A decimal string as an integer of 10^-8 units, so amounts compare exactly. */
function scaled(value: string): bigint {
  const negative = value.startsWith('-');
  const [whole, fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const n = BigInt(whole! + fraction.padEnd(SCALE, '0').slice(0, SCALE));
  return negative ? -n : n;
}

const TEXT_OPERATORS = [
  RuleOperator.CONTAINS,
  RuleOperator.EQUALS,
  RuleOperator.STARTS_WITH,
  RuleOperator.MATCHES,
];

/** BAD_INPUT for a condition that could never be evaluated. */
export function validateConditions(conditions: Condition[]): void {
  if (conditions.length === 0 || conditions.length > 20) {
    throw badInput('a rule needs 1 to 20 conditions', { field: 'conditions' });
  }
  conditions.forEach((c, i) => {
    const field = `conditions.${i}.value`;
    if (c.value.length === 0 || c.value.length > 200) {
      throw badInput('a condition value has 1 to 200 characters', { field });
    }
    if (c.field === RuleField.AMOUNT) {
      if (!DECIMAL.test(c.value)) throw badInput('an amount condition needs a decimal', { field });
      if (c.operator !== RuleOperator.EQUALS && TEXT_OPERATORS.includes(c.operator)) {
        throw badInput('amounts compare with EQUALS, GREATER_THAN or LESS_THAN', { field });
      }
    } else if (!TEXT_OPERATORS.includes(c.operator)) {
      throw badInput('GREATER_THAN and LESS_THAN are for amounts', { field });
    }
    if (c.operator === RuleOperator.MATCHES) {
      try {
        new RegExp(c.value, 'i');
      } catch {
        throw badInput('not a valid regular expression', { field });
      }
    }
  });
}

function text(subject: RuleSubject, field: RuleField): string {
  if (field === RuleField.DESCRIPTION) return subject.description;
  if (field === RuleField.KIND) return subject.kind;
  return subject.accountId ?? '';
}

/** Case- and accent-insensitive text matches; MATCHES is a case-insensitive regex on the raw text. */
function matchesOne(c: Condition, subject: RuleSubject): boolean {
  if (c.field === RuleField.AMOUNT) {
    if (!DECIMAL.test(subject.amount)) return false;
    const a = scaled(subject.amount);
    const b = scaled(c.value);
    if (c.operator === RuleOperator.GREATER_THAN) return a > b;
    if (c.operator === RuleOperator.LESS_THAN) return a < b;
    return a === b;
  }
  const raw = text(subject, c.field);
  if (c.operator === RuleOperator.MATCHES) return new RegExp(c.value, 'i').test(raw);
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toUpperCase()
      .trim();
  const value = fold(c.value);
  const haystacks = c.field === RuleField.DESCRIPTION ? [fold(raw), normalise(raw)] : [fold(raw)];
  return haystacks.some((h) =>
    c.operator === RuleOperator.CONTAINS
      ? h.includes(value)
      : c.operator === RuleOperator.STARTS_WITH
        ? h.startsWith(value)
        : h === value,
  );
}

/** A rule applies when all its conditions hold. */
export function matchesAll(conditions: Condition[], subject: RuleSubject): boolean {
  return conditions.every((c) => matchesOne(c, subject));
}
