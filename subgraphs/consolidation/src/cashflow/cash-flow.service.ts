import { badInput, type EntityManager, type LocalDate, query, toMinor } from '@saldo/kit';
import { activeSchema } from '../projection/generation';
import { bucketStart, periodsOf, type CashFlowGrouping, type Period } from './periods';

export interface CashFlowTotals {
  period: Period;
  currency: string;
  credits: bigint;
  debits: bigint;
  entryCount: number;
}

interface UserDayRow {
  day: string;
  currency: string;
  credits: string;
  debits: string;
  entry_count: number;
}

/** Cash flow per period and currency from the user-day totals. */
export class CashFlow {
  constructor(private readonly maxPeriods: number) {}

  async of(
    em: EntityManager,
    userId: string,
    range: { from: LocalDate; to: LocalDate; groupBy: CashFlowGrouping },
  ): Promise<CashFlowTotals[]> {
    const { from, to, groupBy } = range;
    if (from > to) throw badInput('"from" must not be after "to"', { field: 'from', from, to });
    const periods = periodsOf(from, to, groupBy, this.maxPeriods);
    if (periods.length > this.maxPeriods) {
      throw badInput(`A cash flow covers at most ${this.maxPeriods} periods`, {
        field: 'to',
        maxPeriods: this.maxPeriods,
      });
    }
    const schema = await activeSchema(em);
    const rows = await query<UserDayRow>(
      em,
      `select day::text as day, currency, credits::text as credits, debits::text as debits,
              entry_count
         from ${schema}.user_days where user_id = ? and day between ?::date and ?::date`,
      [userId, from, to],
    );
    const held = await query<{ currency: string }>(
      em,
      `select distinct currency from ${schema}.accounts where user_id = ?`,
      [userId],
    );
    const currencies = [...new Set([...held, ...rows].map((r) => r.currency))].sort();
    return totals(periods, currencies, rows, groupBy);
  }
}

/** One point per period and currency, periods without movements included. */
function totals(
  periods: Period[],
  currencies: string[],
  rows: UserDayRow[],
  groupBy: CashFlowGrouping,
): CashFlowTotals[] {
  const points = periods.flatMap((period) =>
    currencies.map((currency) => ({ period, currency, credits: 0n, debits: 0n, entryCount: 0 })),
  );
  const index = new Map(
    points.map((p) => [`${bucketStart(p.period.start, groupBy)}|${p.currency}`, p]),
  );
  for (const r of rows) {
    const point = index.get(`${bucketStart(r.day, groupBy)}|${r.currency}`);
    if (!point) continue;
    point.credits += toMinor(r.credits);
    point.debits += toMinor(r.debits);
    point.entryCount += r.entry_count;
  }
  return points;
}
