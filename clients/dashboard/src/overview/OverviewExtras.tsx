// The overview's extra cards, below accounts and entries: the cash-flow chart (Recharts, in
// its own lazily loaded chunk), upcoming bills, card invoices due and budget progress.
import { lazy, Suspense, useEffect, useState } from 'react';
import { isSaldoError } from '@saldo/sdk';
import {
  OverviewCashFlowDocument,
  OverviewInvoicesDocument,
  OverviewUpcomingDocument,
  type CashFlowGrouping,
  type OverviewCashFlowQuery,
  type OverviewInvoicesQuery,
  type OverviewUpcomingQuery,
} from '../gql/graphql';
import { formatDate, formatMoney, today } from '../i18n';
import { localStrings, type ScreenProps } from '../screen';
import './overview-extras.css';

const CashFlowChart = lazy(() => import('./CashFlowChart'));

export const strings = localStrings(
  {
    cashFlow: 'Fluxo de caixa',
    perDay: 'Por dia (30 dias)',
    perMonth: 'Por mês (12 meses)',
    grouping: 'Agrupar',
    period: 'Período',
    credits: 'Entradas',
    debits: 'Saídas',
    net: 'Saldo do período',
    noFlow: 'Sem movimento no período.',
    bills: 'Contas a pagar',
    noBills: 'Nenhuma conta pendente.',
    invoices: 'Faturas de cartão',
    noInvoices: 'Nenhuma fatura em aberto.',
    due: 'vence',
    budgets: 'Orçamentos do mês',
    noBudgets: 'Nenhum orçamento neste mês.',
    of: 'de',
    exceeded: 'estourado',
    loading: 'Carregando…',
  },
  {
    cashFlow: 'Cash flow',
    perDay: 'Per day (30 days)',
    perMonth: 'Per month (12 months)',
    grouping: 'Group by',
    period: 'Period',
    credits: 'In',
    debits: 'Out',
    net: 'Net',
    noFlow: 'No money moved in the period.',
    bills: 'Bills to pay',
    noBills: 'No pending bills.',
    invoices: 'Card invoices',
    noInvoices: 'No open invoices.',
    due: 'due',
    budgets: "This month's budgets",
    noBudgets: 'No budgets this month.',
    of: 'of',
    exceeded: 'exceeded',
    loading: 'Loading…',
  },
);

export type FlowPoint = OverviewCashFlowQuery['me']['cashFlow'][number];
type Upcoming = OverviewUpcomingQuery;
type Invoice = OverviewInvoicesQuery['me']['invoices']['edges'][number]['node'];

/** A calendar date `days` away (UTC arithmetic on the LocalDate, never shifted). */
function addDays(localDate: string, days: number): string {
  const [y, m, d] = localDate.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

function monthsBack(localDate: string, months: number): string {
  const [y, m] = localDate.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1 - months, 1)).toISOString().slice(0, 10);
}

/** Spent as a share of the limit, 0..100 for the bar (exact cents, no float money). */
function percent(spent: string, limit: string): number {
  const cents = (v: string) => {
    const [i = '0', f = ''] = v.replace('-', '').split('.');
    return BigInt(i) * 100n + BigInt((f + '00').slice(0, 2));
  };
  const l = cents(limit);
  if (l === 0n) return 100;
  const p = (cents(spent) * 100n) / l;
  return Number(p > 100n ? 100n : p);
}

export default function OverviewExtras({ client, locale, onSignedOut }: ScreenProps) {
  const s = strings(locale);
  const [grouping, setGrouping] = useState<CashFlowGrouping>('DAY');
  const [timeZone, setTimeZone] = useState<string | null>(null);
  // The points with the grouping they were asked with (a switch shows no stale mix).
  const [flow, setFlow] = useState<{ grouping: CashFlowGrouping; points: FlowPoint[] } | null>(
    null,
  );
  const [upcoming, setUpcoming] = useState<Upcoming | null>(null);
  const [invoices, setInvoices] = useState<Invoice[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const zone = timeZone ?? 'America/Sao_Paulo';
    const to = today(zone);
    const from = grouping === 'DAY' ? addDays(to, -29) : monthsBack(to, 11);
    let current = true;
    client.request(OverviewCashFlowDocument, { from, to, groupBy: grouping }).then(
      (d) => {
        if (!current) return;
        if (d.me.timeZone !== zone) setTimeZone(d.me.timeZone);
        setFlow({ grouping, points: d.me.cashFlow });
      },
      (e: unknown) => {
        if (isSaldoError(e) && e.code === 'UNAUTHENTICATED') onSignedOut();
        else if (current) setError(isSaldoError(e) ? e.message : String(e));
      },
    );
    return () => {
      current = false;
    };
  }, [client, grouping, timeZone, onSignedOut]);

  useEffect(() => {
    const to = today(timeZone ?? 'America/Sao_Paulo');
    client
      .request(OverviewUpcomingDocument, { from: to, month: to.slice(0, 7) })
      .then(setUpcoming, () => undefined);
    // Cards may not run in this deployment: no invoices card then.
    client.request(OverviewInvoicesDocument).then(
      (d) => setInvoices(d.me.invoices.edges.map((e) => e.node).filter((i) => i.status !== 'PAID')),
      () => setInvoices(null),
    );
  }, [client, timeZone]);

  const money = (amount: string, currency: string) => formatMoney(amount, currency, locale);

  return (
    <div className="overview-extras">
      <section className="card" aria-labelledby="cash-flow-title">
        <div className="cash-flow-head">
          <h3 id="cash-flow-title">{s('cashFlow')}</h3>
          <label>
            {s('grouping')}
            <select
              value={grouping}
              onChange={(e) => setGrouping(e.target.value as CashFlowGrouping)}
            >
              <option value="DAY">{s('perDay')}</option>
              <option value="MONTH">{s('perMonth')}</option>
            </select>
          </label>
        </div>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {flow === null ? (
          <p role="status">{s('loading')}</p>
        ) : flow.points.every((p) => p.entryCount === 0) ? (
          <p>{s('noFlow')}</p>
        ) : (
          <Suspense fallback={<p role="status">{s('loading')}</p>}>
            <CashFlowChart points={flow.points} grouping={flow.grouping} locale={locale} />
          </Suspense>
        )}
      </section>

      <section className="card" aria-labelledby="bills-title">
        <h3 id="bills-title">{s('bills')}</h3>
        {upcoming === null ? (
          <p role="status">{s('loading')}</p>
        ) : upcoming.entries.edges.length === 0 ? (
          <p>{s('noBills')}</p>
        ) : (
          <ul className="upcoming">
            {upcoming.entries.edges.map(({ node: b }) => (
              <li key={b.id}>
                <span>{b.description}</span>
                <span className="muted">
                  {s('due')} {formatDate(b.dueDate ?? b.date, locale)}
                </span>
                <strong>{money(b.amount.amount, b.amount.currency)}</strong>
              </li>
            ))}
          </ul>
        )}
      </section>

      {invoices !== null && (
        <section className="card" aria-labelledby="invoices-title">
          <h3 id="invoices-title">{s('invoices')}</h3>
          {invoices.length === 0 ? (
            <p>{s('noInvoices')}</p>
          ) : (
            <ul className="upcoming">
              {invoices.map((i) => (
                <li key={i.id}>
                  <span>
                    {i.card.name} · {i.month}
                  </span>
                  <span className="muted">
                    {s('due')} {formatDate(i.dueDate, locale)}
                  </span>
                  <strong>{money(i.remaining.amount, i.remaining.currency)}</strong>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      <section className="card" aria-labelledby="budgets-progress-title">
        <h3 id="budgets-progress-title">{s('budgets')}</h3>
        {upcoming === null ? (
          <p role="status">{s('loading')}</p>
        ) : upcoming.budgets.length === 0 ? (
          <p>{s('noBudgets')}</p>
        ) : (
          <ul className="budget-bars">
            {upcoming.budgets.map((b) => {
              const label = `${b.category.name}: ${money(b.spent.amount, b.spent.currency)} ${s('of')} ${money(b.limit.amount, b.limit.currency)}`;
              return (
                <li key={b.id} data-budget={b.category.name}>
                  <span className="budget-label">
                    {label}
                    {b.exceeded ? ` (${s('exceeded')})` : ''}
                  </span>
                  <progress
                    className={b.exceeded ? 'exceeded' : undefined}
                    max={100}
                    value={percent(b.spent.amount, b.limit.amount)}
                    aria-label={label}
                  />
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
