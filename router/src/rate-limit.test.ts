import { GraphQLError } from 'graphql';
import { RateLimiter } from './rate-limit';

describe('RateLimiter', () => {
  it('allows the burst, then refuses with RATE_LIMITED and a retry delay, then refills', () => {
    const limiter = new RateLimiter(2, 3);
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i += 1) limiter.take('u', t0);
    let refused: unknown;
    try {
      limiter.take('u', t0);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(GraphQLError);
    expect((refused as GraphQLError).extensions).toEqual(
      expect.objectContaining({ code: 'RATE_LIMITED', retryAfterSeconds: 1 }),
    );
    expect(() => limiter.take('other', t0)).not.toThrow();
    expect(() => limiter.take('u', t0 + 500)).not.toThrow();
  });

  it('is off at rate 0', () => {
    const limiter = new RateLimiter(0, 1);
    for (let i = 0; i < 100; i += 1) limiter.take('u');
  });
});
