import { addDays, notFoundField, type EntityManager, type LocalDate } from '@saldo/kit';
import { LOOKBACK_DAYS } from '../insights/recurring';
import { forecastBalance, type Forecast } from './forecast';
import { forecastData, LIQUID_TYPES } from './forecast.repository';

export interface ForecastResult {
  forecast: Forecast;
  accountId: string | null;
  accounts: string[];
  currency: string;
  days: number;
}

/** Reads the user's accounts, entries and invoices, and forecasts. */
export class ForecastService {
  /**
   * One account (NOT_FOUND when it is not the user's), or, with no `accountId`, the user's
   * spendable accounts (checking, savings, cash, wallets; not archived) in the currency most
   * of them have, with their card invoices. Null when the user has no such account.
   */
  async forecast(
    em: EntityManager,
    userId: string,
    today: LocalDate,
    accountId: string | null,
    days: number,
  ): Promise<ForecastResult | null> {
    const all = await forecastData.accounts(em, userId);
    let chosen: typeof all;
    if (accountId) {
      const account = all.find((a) => a.id === accountId);
      if (!account) throw notFoundField('Account', 'accountId', accountId);
      chosen = [account];
    } else {
      const liquid = all.filter((a) => LIQUID_TYPES.has(a.type) && !a.archived);
      const counts = new Map<string, number>();
      for (const a of liquid) counts.set(a.currency, (counts.get(a.currency) ?? 0) + 1);
      const currency = [...counts].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0]?.[0];
      chosen = liquid.filter((a) => a.currency === currency);
    }
    const first = chosen[0];
    if (!first) return null;
    const ids = chosen.map((a) => a.id);
    const currency = first.currency;
    const end = addDays(today, days);
    const [balanceMinor, rows, invoices] = await Promise.all([
      forecastData.balance(em, userId, ids),
      forecastData.rows(em, userId, addDays(today, -LOOKBACK_DAYS)),
      accountId ? null : forecastData.invoicesDue(em, userId, currency, end),
    ]);
    const forecast = forecastBalance({
      userId,
      today,
      days,
      accounts: new Set(ids),
      currency,
      balanceMinor,
      rows,
      invoices,
    });
    return { forecast, accountId, accounts: ids, currency, days };
  }
}
