import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/**
 * Every error code a client can see, across all subgraphs. Clients branch on
 * `extensions.code`, so a code is part of the public contract.
 */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  RATE_LIMITED = 'RATE_LIMITED',
  INSUFFICIENT_FUNDS = 'INSUFFICIENT_FUNDS',
  LIMIT_EXCEEDED = 'LIMIT_EXCEEDED',
  INVALID_STATE = 'INVALID_STATE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

export type ErrorDetails = Record<string, string | number | boolean | null>;

/**
 * An error the domain raises on purpose. Its message is written for the client:
 * it never names another user's data, SQL or internals.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const badInput = (message: string, details?: ErrorDetails) =>
  new DomainError(ErrorCode.BAD_USER_INPUT, message, details);
export const notFound = (what: string, id?: string) =>
  new DomainError(ErrorCode.NOT_FOUND, `${what} not found`, id === undefined ? {} : { id });
/** A NOT_FOUND that also names the input field that pointed at the missing thing. */
export const notFoundField = (what: string, field: string, id: string) =>
  new DomainError(ErrorCode.NOT_FOUND, `${what} not found`, { field, id });
export const conflict = (message: string, details?: ErrorDetails) =>
  new DomainError(ErrorCode.CONFLICT, message, details);
export const invalidState = (message: string, details?: ErrorDetails) =>
  new DomainError(ErrorCode.INVALID_STATE, message, details);

// Codes graphql-js and Apollo Server assign themselves; their messages are safe to show.
const FRAMEWORK_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
]);

export interface FormatErrorOptions {
  /** Called for unexpected errors, which the client sees only as INTERNAL_SERVER_ERROR. */
  onInternalError?: (error: unknown) => void;
  /** Development only: show the original message of unexpected errors (never a stack). */
  exposeInternalMessages?: boolean;
}

/** The error a resolver (or context function) actually threw, under graphql-js wrapping. */
function unwrap(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.originalError) current = current.originalError;
  return current;
}

/** The one place a thrown error becomes what the client sees. */
export function createFormatError(options: FormatErrorOptions = {}) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrap(error);
    const base = { locations: formatted.locations, path: formatted.path };
    if (original instanceof DomainError) {
      return {
        ...base,
        message: original.message,
        extensions: { code: original.code, ...original.details },
      };
    }
    const code = formatted.extensions?.['code'];
    if (typeof code === 'string' && FRAMEWORK_CODES.has(code)) {
      return { ...base, message: formatted.message, extensions: { code } };
    }
    options.onInternalError?.(original);
    return {
      ...base,
      message: options.exposeInternalMessages ? formatted.message : 'Internal server error',
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
