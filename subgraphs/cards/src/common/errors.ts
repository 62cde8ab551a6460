import { DomainError, ErrorCode, type ErrorDetails } from '@saldo/kit';

export const conflict = (message: string, details?: ErrorDetails) =>
  new DomainError(ErrorCode.CONFLICT, message, details);

export const invalidState = (message: string, details?: ErrorDetails) =>
  new DomainError(ErrorCode.INVALID_STATE, message, details);

export const limitExceeded = (available: string, currency: string) =>
  new DomainError(ErrorCode.LIMIT_EXCEEDED, 'The purchase exceeds the available limit', {
    available,
    currency,
  });

/** A NOT_FOUND that also names the input field that pointed at the missing thing. */
export const notFoundField = (what: string, field: string, id: string) =>
  new DomainError(ErrorCode.NOT_FOUND, `${what} not found`, { field, id });
