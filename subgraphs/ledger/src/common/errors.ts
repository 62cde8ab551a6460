import { DomainError, ErrorCode, type ErrorDetails } from '@saldo/kit';

export const conflict = (message: string, details?: ErrorDetails) =>
  new DomainError(ErrorCode.CONFLICT, message, details);

export const invalidState = (message: string, details?: ErrorDetails) =>
  new DomainError(ErrorCode.INVALID_STATE, message, details);

export const insufficientFunds = (accountId: string | null) =>
  new DomainError(
    ErrorCode.INSUFFICIENT_FUNDS,
    'The account does not allow a negative balance',
    accountId ? { accountId } : {},
  );

/** A NOT_FOUND that also names the input field that pointed at the missing thing. */
export const notFoundField = (what: string, field: string, id: string) =>
  new DomainError(ErrorCode.NOT_FOUND, `${what} not found`, { field, id });
