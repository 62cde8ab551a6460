// What the ai subgraph sees in the user's money: the month's insights, recurring charges,
// the balance forecast for the next 30 days and the monthly report (asked for, then
// followed until it is written).
import { useCallback, useEffect, useState } from 'react';
import { isSaldoError } from '@saldo/sdk';
import {
  InsightsGenerateReportDocument,
  InsightsReportDocument,
  InsightsScreenDocument,
  type InsightsReportQuery,
  type InsightsScreenQuery,
} from '../gql/graphql';
import { formatDate, formatMoney, today } from '../i18n';
import { localStrings, type ScreenProps } from '../screen';
import './insights.css';

const strings = localStrings(
  {
    title: 'Insights',
    month: 'Mês',
    insights: 'Pontos de atenção',
    noInsights: 'Nada fora do comum neste mês.',
    recurring: 'Cobranças recorrentes',
    noRecurring: 'Nenhuma cobrança recorrente encontrada ainda.',
    next: 'próxima',
    forecast: 'Saldo previsto (30 dias)',
    noForecast: 'Sem contas para prever.',
    now: 'Agora',
    lowest: 'Menor saldo previsto',
    known: 'Já sabido',
    report: 'Relatório do mês',
    generate: 'Gerar relatório',
    writing: 'Escrevendo o relatório…',
    failed: 'O relatório falhou',
    WEEKLY: 'semanal',
    MONTHLY: 'mensal',
    YEARLY: 'anual',
    DAILY: 'diária',
    RECURRING: 'recorrente',
    PENDING: 'pendente',
    INVOICE: 'fatura',
    loading: 'Carregando…',
  },
  {
    title: 'Insights',
    month: 'Month',
    insights: 'Worth a look',
    noInsights: 'Nothing unusual this month.',
    recurring: 'Recurring charges',
    noRecurring: 'No recurring charges found yet.',
    next: 'next',
    forecast: 'Expected balance (30 days)',
    noForecast: 'No accounts to forecast.',
    now: 'Now',
    lowest: 'Lowest expected balance',
    known: 'Already known',
    report: 'Monthly report',
    generate: 'Write the report',
    writing: 'Writing the report…',
    failed: 'The report failed',
    WEEKLY: 'weekly',
    MONTHLY: 'monthly',
    YEARLY: 'yearly',
    DAILY: 'daily',
    RECURRING: 'recurring',
    PENDING: 'pending',
    INVOICE: 'invoice',
    loading: 'Loading…',
  },
);

type Data = InsightsScreenQuery;
type Report = NonNullable<InsightsReportQuery['monthlyReport']>;

const message = (e: unknown) => (isSaldoError(e) ? e.message : String(e));

export default function Insights({ client, locale, onSignedOut }: ScreenProps) {
  const s = strings(locale);
  const [month, setMonth] = useState<string | null>(null);
  const [data, setData] = useState<Data | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const language = locale === 'en' ? 'en' : 'pt-BR';

  const failed = useCallback(
    (e: unknown) => {
      if (isSaldoError(e) && e.code === 'UNAUTHENTICATED') onSignedOut();
      else setError(message(e));
    },
    [onSignedOut],
  );

  // The running month in the user's time zone until they pick another.
  const first = month ?? today(Intl.DateTimeFormat().resolvedOptions().timeZone).slice(0, 7);
  useEffect(() => {
    setError(null);
    client.request(InsightsScreenDocument, { month: first, locale: language }).then((d) => {
      setData(d);
      setMonth((m) => m ?? today(d.me.timeZone).slice(0, 7));
    }, failed);
  }, [client, first, language, failed]);

  const generate = async () => {
    setError(null);
    try {
      const { generateMonthlyReport } = await client.request(InsightsGenerateReportDocument, {
        month: first,
        locale: language,
      });
      setReport({
        ...generateMonthlyReport,
        text: null,
        model: null,
        failureReason: null,
        suggestions: [],
        net: null,
      });
    } catch (e) {
      failed(e);
    }
  };

  // A pending report is followed until it is written.
  useEffect(() => {
    if (!report || report.status !== 'PENDING') return;
    const timer = setTimeout(() => {
      client
        .request(InsightsReportDocument, { id: report.id })
        .then((d) => setReport(d.monthlyReport), failed);
    }, 500);
    return () => clearTimeout(timer);
  }, [client, report, failed]);

  const money = (m: { amount: string; currency: string }) =>
    formatMoney(m.amount, m.currency, locale);
  const forecast = data?.balanceForecast ?? null;
  const weekly = forecast?.points.filter((_, i) => i % 7 === 0) ?? [];

  return (
    <div className="insights">
      <h2>{s('title')}</h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <label className="month-picker">
        {s('month')}
        <input
          type="month"
          value={first}
          max={today(data?.me.timeZone ?? 'America/Sao_Paulo').slice(0, 7)}
          onChange={(e) => e.target.value && setMonth(e.target.value)}
        />
      </label>
      {data === null ? (
        <p role="status">{s('loading')}</p>
      ) : (
        <>
          <section className="card" aria-labelledby="insights-title">
            <h3 id="insights-title">{s('insights')}</h3>
            {data.insights.length === 0 ? (
              <p>{s('noInsights')}</p>
            ) : (
              <ul className="insight-list">
                {data.insights.map((i) => (
                  <li key={i.id} data-type={i.type}>
                    <strong>{i.title}</strong> <span>{i.message}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section className="card" aria-labelledby="forecast-title">
            <h3 id="forecast-title">{s('forecast')}</h3>
            {!forecast ? (
              <p>{s('noForecast')}</p>
            ) : (
              <>
                <p>
                  {s('now')}: <strong data-testid="forecast-now">{money(forecast.balance)}</strong>{' '}
                  · {s('lowest')}:{' '}
                  <strong
                    data-testid="forecast-lowest"
                    className={forecast.lowest.expected.amount.startsWith('-') ? 'negative' : ''}
                  >
                    {money(forecast.lowest.expected)}
                  </strong>{' '}
                  ({formatDate(forecast.lowest.date, locale)})
                </p>
                <table className="forecast">
                  <tbody>
                    {weekly.map((p) => (
                      <tr key={p.date}>
                        <th scope="row">{formatDate(p.date, locale)}</th>
                        <td className="num">{money(p.expected)}</td>
                        <td className="num muted">
                          {formatMoney(p.low.amount, p.expected.currency, locale)} –{' '}
                          {formatMoney(p.high.amount, p.expected.currency, locale)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {forecast.items.length > 0 && (
                  <>
                    <h4>{s('known')}</h4>
                    <ul className="forecast-items">
                      {forecast.items.map((i, n) => (
                        <li key={`${i.date}-${n}`}>
                          {formatDate(i.date, locale)} · {i.description} ({s(i.source)}):{' '}
                          <span className={i.amount.amount.startsWith('-') ? 'negative' : ''}>
                            {money(i.amount)}
                          </span>
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </>
            )}
          </section>

          <section className="card" aria-labelledby="recurring-title">
            <h3 id="recurring-title">{s('recurring')}</h3>
            {data.recurringCharges.length === 0 ? (
              <p>{s('noRecurring')}</p>
            ) : (
              <ul className="recurring-list">
                {data.recurringCharges.map((r) => (
                  <li key={r.id}>
                    <span className="recurring-name">{r.description}</span>{' '}
                    <span className="muted">
                      {s(r.interval)} · {r.occurrences}× · {s('next')}{' '}
                      {formatDate(r.nextExpectedDate, locale)}
                    </span>{' '}
                    <strong>{money(r.nextExpectedAmount)}</strong>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section className="card" aria-labelledby="report-title">
            <h3 id="report-title">{s('report')}</h3>
            <button
              type="button"
              onClick={() => void generate()}
              disabled={report?.status === 'PENDING'}
            >
              {s('generate')}
            </button>
            {report?.status === 'PENDING' && <p role="status">{s('writing')}</p>}
            {report?.status === 'FAILED' && (
              <p className="error" role="alert">
                {s('failed')}: {report.failureReason}
              </p>
            )}
            {report?.status === 'READY' && (
              <div className="report" aria-live="polite">
                <p data-testid="report-text">{report.text}</p>
                {report.suggestions.length > 0 && (
                  <ul>
                    {report.suggestions.map((text) => (
                      <li key={text}>{text}</li>
                    ))}
                  </ul>
                )}
              </div>
            )}
          </section>
        </>
      )}
    </div>
  );
}
