import {
  addDays,
  addMonths,
  badInput,
  currencyExponent,
  type EntityManager,
  type LocalDate,
} from '@saldo/kit';
import { entries, type DatedEntry } from '../entries/entry.repository';
import type { ForecastService } from '../forecast/forecast.service';
import { findInsights, HISTORY_MONTHS, type InsightFinding } from './insights';
import { LOOKBACK_DAYS } from './recurring';

/** Reads what a month's insights need and finds them (the `insights` query and reports). */
export class InsightService {
  constructor(private readonly forecasts: ForecastService) {}

  /** The month's findings and the entries read (from six months before it). */
  async find(
    em: EntityManager,
    userId: string,
    month: string,
    today: LocalDate,
  ): Promise<{ findings: InsightFinding[]; entries: DatedEntry[] }> {
    const start = `${month}-01`;
    if (start > today) throw badInput(`${month} has not started yet`, { field: 'month' });
    const historyFrom = addMonths(start, -HISTORY_MONTHS);
    const recurringFrom = addDays(today, -LOOKBACK_DAYS);
    const all = await entries.datedSince(
      em,
      userId,
      historyFrom < recurringFrom ? historyFrom : recurringFrom,
    );
    const running = today.slice(0, 7) === month;
    const forecast = running ? await this.forecasts.forecast(em, userId, today, null, 30) : null;
    const recent = all.filter((e) => e.date >= historyFrom);
    const findings = findInsights({
      userId,
      month,
      today,
      entries: recent,
      recurringHistory: all.filter((e) => e.date >= recurringFrom),
      forecast: forecast ? { forecast: forecast.forecast, currency: forecast.currency } : null,
      unit: (currency) => 10n ** BigInt(currencyExponent(currency)),
    });
    return { findings, entries: recent };
  }
}
