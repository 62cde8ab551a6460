/** The one source of "now" for consolidation: tests replace it to control time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
