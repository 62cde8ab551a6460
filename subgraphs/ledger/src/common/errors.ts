import { DomainError, ErrorCode } from '@saldo/kit';

export { conflict, invalidState, notFoundField } from '@saldo/kit';

export const insufficientFunds = (accountId: string | null) =>
  new DomainError(
    ErrorCode.INSUFFICIENT_FUNDS,
    'The account does not allow a negative balance',
    accountId ? { accountId } : {},
  );
