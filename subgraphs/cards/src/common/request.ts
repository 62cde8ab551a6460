import { requireUser } from '@saldo/kit';
import type { CardsContext } from '../services';

/** The signed-in caller's user id (every read and write is scoped to it). */
export const userOf = (ctx: CardsContext): string => requireUser(ctx.caller);

/** "Today" and other days of a request follow the caller's time zone. */
export const zoneOf = (ctx: CardsContext): string => ctx.caller.timeZone;
