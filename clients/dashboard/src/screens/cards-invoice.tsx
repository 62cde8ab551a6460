// One invoice of a card: dates, status, totals, its items (installments n/m), and paying it.
import { useState, type FormEvent } from 'react';
import type { SaldoClient } from '@saldo/sdk';
import { newKey } from '../client';
import { CardsPayDocument, type CardsInvoiceFragment } from '../gql/graphql';
import { formatDate, formatMoney, parseAmount, type Locale } from '../i18n';
import type { Strings } from './cards-strings';

interface Props {
  client: SaldoClient;
  invoice: CardsInvoiceFragment;
  accounts: { id: string; name: string }[];
  defaultAccountId: string | null;
  s: Strings;
  locale: Locale;
  onPaid: (invoice: CardsInvoiceFragment) => void;
  failed: (e: unknown) => void;
}

const monthName = (month: string, locale: Locale) => {
  const [y, m] = month.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, 1));
  return new Intl.DateTimeFormat(locale, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
};

export function InvoiceView({
  client,
  invoice,
  accounts,
  defaultAccountId,
  s,
  locale,
  ...on
}: Props) {
  const [paying, setPaying] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // One key per payment draft: a resubmit after a lost answer pays once.
  const [key, setKey] = useState(newKey);
  const money = (m: { amount: string; currency: string }) =>
    formatMoney(m.amount, m.currency, locale);
  const title = `${s('invoiceOf')} ${monthName(invoice.month, locale)}`;
  const canPay =
    invoice.status !== 'PAID' &&
    !invoice.remaining.amount.startsWith('-') &&
    invoice.remaining.amount !== '0.00';

  const pay = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const amount = parseAmount(String(form.get('amount') ?? ''), locale);
    if (amount === null) return setError(s('errorAmount'));
    setBusy(true);
    setError(null);
    try {
      const { payInvoice } = await client.request(CardsPayDocument, {
        input: {
          invoiceId: invoice.id,
          fromAccountId: String(form.get('fromAccountId')),
          amount,
          idempotencyKey: key,
        },
      });
      on.onPaid(payInvoice.invoice);
      setKey(newKey());
      setPaying(false);
    } catch (e) {
      on.failed(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="invoice" data-invoice={invoice.month} aria-label={title}>
      <h4>
        {title} <span className={`status status-${invoice.status}`}>{s(invoice.status)}</span>
      </h4>
      <dl className="invoice-facts">
        <div>
          <dt>{s('closingDate')}</dt>
          <dd>{formatDate(invoice.closingDate, locale)}</dd>
        </div>
        <div>
          <dt>{s('dueDate')}</dt>
          <dd>{formatDate(invoice.dueDate, locale)}</dd>
        </div>
        <div>
          <dt>{s('total')}</dt>
          <dd data-testid="invoice-total">{money(invoice.total)}</dd>
        </div>
        <div>
          <dt>{s('paid')}</dt>
          <dd>{money(invoice.paidAmount)}</dd>
        </div>
        {invoice.pendingAmount.amount !== '0.00' && (
          <div>
            <dt>{s('pending')}</dt>
            <dd>{money(invoice.pendingAmount)}</dd>
          </div>
        )}
        <div>
          <dt>{s('remaining')}</dt>
          <dd data-testid="invoice-remaining">{money(invoice.remaining)}</dd>
        </div>
      </dl>
      {invoice.items.length === 0 ? (
        <p className="muted">{s('noItems')}</p>
      ) : (
        <table className="entries invoice-items">
          <thead>
            <tr>
              <th scope="col">{s('date')}</th>
              <th scope="col">{s('description')}</th>
              <th scope="col" className="num">
                {s('amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {invoice.items.map((item) => (
              <tr key={item.id}>
                <td>{formatDate(item.date, locale)}</td>
                <td>
                  {item.description}
                  {item.installmentCount && item.installmentCount > 1
                    ? ` ${item.installmentNumber}/${item.installmentCount}`
                    : ''}
                </td>
                <td className="num">{money(item.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {canPay && !paying && (
        <button type="button" aria-label={`${s('pay')}: ${title}`} onClick={() => setPaying(true)}>
          {s('pay')}
        </button>
      )}
      {paying && (
        <form className="inline-form" aria-label={`${s('pay')}: ${title}`} onSubmit={pay}>
          <label>
            {s('payFrom')}
            <select name="fromAccountId" defaultValue={defaultAccountId ?? undefined}>
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {s('amount')}
            <input
              name="amount"
              inputMode="decimal"
              required
              defaultValue={invoice.remaining.amount.replace('.', locale === 'pt-BR' ? ',' : '.')}
            />
          </label>
          <button type="submit" className="primary" disabled={busy}>
            {s('confirmPay')}
          </button>
          <button type="button" onClick={() => setPaying(false)}>
            {s('cancel')}
          </button>
        </form>
      )}
    </section>
  );
}
