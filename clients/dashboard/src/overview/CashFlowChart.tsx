// The cash-flow chart: Recharts lives only in this lazily loaded chunk, never the first paint.
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { CashFlowGrouping } from '../gql/graphql';
import { formatDate, formatMoney, type Locale } from '../i18n';
import { strings, type FlowPoint } from './OverviewExtras';

export default function CashFlowChart(props: {
  points: FlowPoint[];
  grouping: CashFlowGrouping;
  locale: Locale;
}) {
  const { points, grouping, locale } = props;
  const s = strings(locale);
  // One currency drawn (the first one with movement); other currencies are in the table.
  const currency = points.find((p) => p.entryCount > 0)?.currency ?? 'BRL';
  const label = (start: string) =>
    grouping === 'MONTH' ? start.slice(0, 7) : formatDate(start, locale).slice(0, 5);
  // Numbers only for drawing bar heights; every amount a person reads is the API's
  // decimal string through Intl (the tooltip and the table below).
  const data = points
    .filter((p) => p.currency === currency)
    .map((p) => ({
      label: label(p.start),
      credits: Number(p.credits.amount),
      debits: Number(p.debits.amount),
      net: Number(p.net.amount),
      point: p,
    }));
  const moving = points.filter((p) => p.entryCount > 0);
  return (
    <figure className="cash-flow" data-testid="cash-flow-chart">
      <div className="cash-flow-plot" aria-hidden="true">
        <ResponsiveContainer width="100%" height={240}>
          <ComposedChart data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" fontSize={12} />
            <YAxis fontSize={12} width={70} />
            <Tooltip
              formatter={(_value, name, item) => {
                const p = (item.payload as { point: FlowPoint }).point;
                const key = name as 'credits' | 'debits' | 'net';
                return [formatMoney(p[key].amount, p.currency, locale), s(key)];
              }}
            />
            <Legend formatter={(name) => s(name as 'credits' | 'debits' | 'net')} />
            <Bar dataKey="credits" fill="#0b5d3b" isAnimationActive={false} />
            <Bar dataKey="debits" fill="#a4161a" isAnimationActive={false} />
            <Line dataKey="net" stroke="#1b4f8a" dot={false} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption>
        <table className="cash-flow-table">
          <caption className="muted">{s('cashFlow')}</caption>
          <thead>
            <tr>
              <th scope="col">{s('period')}</th>
              <th scope="col">{s('credits')}</th>
              <th scope="col">{s('debits')}</th>
              <th scope="col">{s('net')}</th>
            </tr>
          </thead>
          <tbody>
            {moving.map((p) => (
              <tr key={`${p.start}-${p.currency}`} data-start={p.start}>
                <th scope="row">
                  {grouping === 'MONTH' ? p.start.slice(0, 7) : formatDate(p.start, locale)}
                </th>
                <td>{formatMoney(p.credits.amount, p.currency, locale)}</td>
                <td>{formatMoney(p.debits.amount, p.currency, locale)}</td>
                <td>{formatMoney(p.net.amount, p.currency, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </figcaption>
    </figure>
  );
}
