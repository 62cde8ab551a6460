import { addDays, type LocalDate } from '@saldo/kit';

/** Movements of one account on one day, as stored. */
export interface DayMovement {
  day: LocalDate;
  credits: bigint;
  debits: bigint;
  entryCount: number;
}

/** One account's day with its running balance. */
export interface DayBalance {
  date: LocalDate;
  opening: bigint;
  credits: bigint;
  debits: bigint;
  closing: bigint;
  entryCount: number;
}

/**
 * Every day of `from..to`, days without movements included: each day opens where
 * the previous one closed, starting from `opening` (the balance before `from`).
 */
export function fillDays(
  from: LocalDate,
  to: LocalDate,
  opening: bigint,
  movements: readonly DayMovement[],
): DayBalance[] {
  const byDay = new Map(movements.map((m) => [m.day, m]));
  const days: DayBalance[] = [];
  let balance = opening;
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const m = byDay.get(day);
    const credits = m?.credits ?? 0n;
    const debits = m?.debits ?? 0n;
    const closing = balance + credits - debits;
    days.push({
      date: day,
      opening: balance,
      credits,
      debits,
      closing,
      entryCount: m?.entryCount ?? 0,
    });
    balance = closing;
  }
  return days;
}
