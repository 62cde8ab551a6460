import { DomainError, ErrorCode } from '@saldo/kit';

export { conflict, invalidState, notFoundField } from '@saldo/kit';

export const limitExceeded = (available: string, currency: string) =>
  new DomainError(ErrorCode.LIMIT_EXCEEDED, 'The purchase exceeds the available limit', {
    available,
    currency,
  });
