import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { Directive, Field, ObjectType } from 'type-graphql';
import { isLocalDate } from './dates';
import { toMoney } from './money';

const DECIMAL = /^-?\d+(\.\d+)?$/;

function stringLiteral(ast: ValueNode, scalar: string): string {
  if (ast.kind !== Kind.STRING) throw new GraphQLError(`${scalar} must be given as a string`);
  return ast.value;
}

function checkDecimal(value: unknown): string {
  if (typeof value !== 'string' || !DECIMAL.test(value)) {
    throw new GraphQLError(
      `Decimal must be a string such as "-1234.56", got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** Exact decimal as a string ("-1234.56"); never a float. */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal number as a string, e.g. "-1234.56". Never a float.',
  serialize: checkDecimal,
  parseValue: checkDecimal,
  parseLiteral: (ast) => checkDecimal(stringLiteral(ast, 'Decimal')),
});

function checkLocalDate(value: unknown): string {
  if (typeof value !== 'string' || !isLocalDate(value)) {
    throw new GraphQLError(
      `LocalDate must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

export const LocalDateScalar = new GraphQLScalarType<string, string>({
  name: 'LocalDate',
  description: 'A calendar day, YYYY-MM-DD, with no time zone (the day a movement belongs to).',
  serialize: checkLocalDate,
  parseValue: checkLocalDate,
  parseLiteral: (ast) => checkLocalDate(stringLiteral(ast, 'LocalDate')),
});

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseDateTime(value: unknown): Date {
  const date = typeof value === 'string' && ISO_INSTANT.test(value) ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw new GraphQLError(`DateTime must be ISO-8601 with a zone, got ${JSON.stringify(value)}`);
  }
  return date;
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant, ISO-8601 in UTC, e.g. "2026-01-31T13:45:00.000Z".',
  serialize: (value) => {
    const date = value instanceof Date ? value : parseDateTime(value);
    return date.toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(stringLiteral(ast, 'DateTime')),
});

@ObjectType('Money', { description: 'An exact amount in a currency.' })
@Directive('@shareable')
export class Money {
  @Field(() => DecimalScalar, {
    description: 'Decimal string with the currency\'s decimals, e.g. "-1234.56".',
  })
  amount!: string;

  @Field(() => String, { description: 'ISO 4217 currency code, e.g. "BRL".' })
  currency!: string;

  static of(minor: bigint, currency: string): Money {
    return Object.assign(new Money(), toMoney(minor, currency));
  }
}
