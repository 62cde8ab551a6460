import { GraphQLError } from 'graphql';
import { createFormatError, DomainError, ErrorCode } from './errors';

describe('createFormatError', () => {
  const formatted = { message: 'raw message' };

  it('maps a domain error to its code and message', () => {
    const error = new GraphQLError('x', {
      originalError: new DomainError(ErrorCode.NOT_FOUND, 'Account not found', { id: 'a' }),
    });
    expect(createFormatError()(formatted, error)).toEqual(
      expect.objectContaining({
        message: 'Account not found',
        extensions: { code: 'NOT_FOUND', id: 'a' },
      }),
    );
  });

  it('masks unexpected errors: no SQL, no stack', () => {
    const internal = new Error('insert into "entries" violates constraint "x"');
    const seen: unknown[] = [];
    const result = createFormatError({ onInternalError: (e) => seen.push(e) })(
      {
        message: internal.message,
        extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] },
      },
      new GraphQLError(internal.message, { originalError: internal }),
    );
    expect(result.message).toBe('Internal server error');
    expect(result.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(seen).toEqual([internal]);
  });

  it('passes through validation errors from graphql-js', () => {
    const result = createFormatError()(
      { message: 'Cannot query field "x"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
      new GraphQLError('Cannot query field "x"'),
    );
    expect(result).toEqual(
      expect.objectContaining({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
    );
  });
});
