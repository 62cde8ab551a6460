import { isSaldoError } from '@saldo/sdk';

/** Exit codes: documented in the CLI's README and `saldo --help`. */
export const EXIT = {
  OK: 0,
  ERROR: 1,
  USAGE: 2,
  AUTH: 3,
  NOT_FOUND: 4,
  INVALID_INPUT: 5,
  REFUSED: 6,
  RATE_LIMITED: 7,
  UNREACHABLE: 8,
} as const;

const BY_CODE: Record<string, number> = {
  USAGE: EXIT.USAGE,
  UNAUTHENTICATED: EXIT.AUTH,
  FORBIDDEN: EXIT.AUTH,
  NOT_FOUND: EXIT.NOT_FOUND,
  BAD_USER_INPUT: EXIT.INVALID_INPUT,
  GRAPHQL_VALIDATION_FAILED: EXIT.INVALID_INPUT,
  CONFLICT: EXIT.REFUSED,
  INSUFFICIENT_FUNDS: EXIT.REFUSED,
  LIMIT_EXCEEDED: EXIT.REFUSED,
  INVALID_STATE: EXIT.REFUSED,
  RATE_LIMITED: EXIT.RATE_LIMITED,
  NETWORK_ERROR: EXIT.UNREACHABLE,
  // The statement could not be used (unreadable, wrong account type...): the job is FAILED.
  IMPORT_FAILED: EXIT.INVALID_INPUT,
};

/** An error the CLI itself raises (bad arguments, not signed in, ambiguous name...). */
export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Reported {
  exitCode: number;
  line: string;
  json: { error: { code: string; message: string; field?: string; retryAfterSeconds?: number } };
}

/** One line with the code, a JSON form, and the exit code for any failure. */
export function report(error: unknown): Reported {
  if (isSaldoError(error) || error instanceof CliError) {
    const field = isSaldoError(error) ? error.field : undefined;
    const retry = isSaldoError(error) ? error.retryAfterSeconds : undefined;
    const hint =
      error.code === 'UNAUTHENTICATED'
        ? ' (run `saldo login`)'
        : retry
          ? ` (retry in ${retry}s)`
          : '';
    return {
      exitCode: BY_CODE[error.code] ?? EXIT.ERROR,
      line: `saldo: ${error.code}${field ? ` [${field}]` : ''}: ${error.message}${hint}`,
      json: {
        error: {
          code: error.code,
          message: error.message,
          ...(field ? { field } : {}),
          ...(retry ? { retryAfterSeconds: retry } : {}),
        },
      },
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    exitCode: EXIT.ERROR,
    line: `saldo: ERROR: ${message}`,
    json: { error: { code: 'ERROR', message } },
  };
}
