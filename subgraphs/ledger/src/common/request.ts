import { requireUser, type LocalDate, type RequestContext } from '@saldo/kit';

/** The signed-in caller's user id (every read and write is scoped to it). */
export const userOf = (ctx: RequestContext): string => requireUser(ctx.caller);

// Building an Intl.DateTimeFormat costs far more than using one: one per time zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day an instant falls on in a time zone (en-CA formats as YYYY-MM-DD). */
export function dateIn(timeZone: string, instant = new Date()): LocalDate {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    if (formatters.size < 1000) formatters.set(timeZone, format);
  }
  return format.format(instant);
}

/** "Today" in the caller's time zone. */
export const todayOf = (ctx: RequestContext): LocalDate => dateIn(ctx.caller.timeZone);
