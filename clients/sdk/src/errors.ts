/** The codes the Saldo API answers with (`extensions.code`), plus the SDK's own. */
export type SaldoErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'INSUFFICIENT_FUNDS'
  | 'LIMIT_EXCEEDED'
  | 'INVALID_STATE'
  | 'INTERNAL_SERVER_ERROR'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'GRAPHQL_PARSE_FAILED'
  /** The server could not be reached, or the connection dropped before an answer. */
  | 'NETWORK_ERROR'
  /** The server answered with something that is not a GraphQL response. */
  | 'BAD_RESPONSE'
  // Codes added later by the API stay usable without an SDK release.
  | (string & {});

export interface GraphQLErrorShape {
  message: string;
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}

/** Every failure the SDK reports: a GraphQL error of the API, or a transport failure. */
export class SaldoError extends Error {
  override readonly name = 'SaldoError';
  readonly code: SaldoErrorCode;
  /** For RATE_LIMITED: seconds until a retry can succeed. */
  readonly retryAfterSeconds: number | undefined;
  /** The input field the error is about, when the API names one. */
  readonly field: string | undefined;
  /** HTTP status of the response, when there was one. */
  readonly status: number | undefined;
  /** Every GraphQL error of the response (the first one is this error's). */
  readonly errors: readonly GraphQLErrorShape[];

  constructor(
    code: SaldoErrorCode,
    message: string,
    details: {
      retryAfterSeconds?: number;
      field?: string;
      status?: number;
      errors?: readonly GraphQLErrorShape[];
      cause?: unknown;
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.field = details.field;
    this.status = details.status;
    this.errors = details.errors ?? [];
  }

  /** The error of a GraphQL response's `errors` list (its first entry). */
  static fromGraphQL(errors: readonly GraphQLErrorShape[], status?: number): SaldoError {
    const first = errors[0] ?? { message: 'Unknown error' };
    const ext = first.extensions ?? {};
    const retry = ext['retryAfterSeconds'];
    const field = ext['field'];
    return new SaldoError(
      typeof ext['code'] === 'string' ? ext['code'] : 'INTERNAL_SERVER_ERROR',
      first.message,
      {
        ...(typeof retry === 'number' ? { retryAfterSeconds: retry } : {}),
        ...(typeof field === 'string' ? { field } : {}),
        ...(status === undefined ? {} : { status }),
        errors,
      },
    );
  }
}

export const isSaldoError = (error: unknown): error is SaldoError => error instanceof SaldoError;
