// The cards screen (#/cards): each card's limit (used and available) and its invoices by
// month with their installments, close and due dates; pay an invoice; create a card and
// add purchases. Invoice totals and the available limit follow `invoiceUpdated` live.
import { useCallback, useEffect, useState } from 'react';
import { isSaldoError } from '@saldo/sdk';
import {
  CardsInvoicesDocument,
  CardsInvoiceUpdatedDocument,
  CardsScreenDocument,
  type CardsCardFragment,
  type CardsInvoiceFragment,
  type CardsScreenQuery,
} from '../gql/graphql';
import { formatMoney, sumDecimals, today } from '../i18n';
import type { ScreenProps } from '../screen';
import { CardForm, PurchaseForm } from './cards-forms';
import { InvoiceView } from './cards-invoice';
import { strings } from './cards-strings';
import './cards.css';

type Data = Omit<CardsScreenQuery, 'cardConnection'> & { cards: CardsCardFragment[] };
/** Each card's invoices, newest month first. */
type Invoices = Record<string, CardsInvoiceFragment[]>;

const message = (e: unknown) => (isSaldoError(e) ? e.message : String(e));

/** `list` with `invoice` put in (replaced, or added), newest month first. */
const withInvoice = (list: CardsInvoiceFragment[] | undefined, invoice: CardsInvoiceFragment) =>
  [...(list ?? []).filter((i) => i.id !== invoice.id), invoice].sort((a, b) =>
    b.month.localeCompare(a.month),
  );

export function Cards({ client, locale, onSignedOut }: ScreenProps) {
  const s = strings(locale);
  const [data, setData] = useState<Data | null>(null);
  const [invoices, setInvoices] = useState<Invoices>({});
  const [error, setError] = useState<string | null>(null);

  const failed = useCallback(
    (e: unknown) => {
      if (isSaldoError(e) && e.code === 'UNAUTHENTICATED') onSignedOut();
      else setError(message(e));
    },
    [onSignedOut],
  );

  const loadInvoices = useCallback(
    (cardId: string) =>
      client.request(CardsInvoicesDocument, { id: cardId }).then(({ card }) => {
        setInvoices((all) => ({ ...all, [cardId]: card.invoices.edges.map((e) => e.node) }));
      }, failed),
    [client, failed],
  );

  useEffect(() => {
    client.request(CardsScreenDocument).then(({ cardConnection, ...rest }) => {
      const cards = cardConnection.edges.map((e) => e.node);
      setData({ ...rest, cards });
      for (const card of cards) void loadInvoices(card.id);
    }, failed);
  }, [client, failed, loadInvoices]);

  const putInvoice = useCallback((cardId: string, invoice: CardsInvoiceFragment) => {
    setInvoices((all) => ({ ...all, [cardId]: withInvoice(all[cardId], invoice) }));
  }, []);

  const changeCard = useCallback(
    (id: string, change: (c: CardsCardFragment) => CardsCardFragment) => {
      setData((d) => d && { ...d, cards: d.cards.map((c) => (c.id === id ? change(c) : c)) });
    },
    [],
  );

  // Invoices live: totals, payments and status as they change here or anywhere else.
  useEffect(() => {
    const updates = client.subscription(CardsInvoiceUpdatedDocument);
    let stopped = false;
    void (async () => {
      try {
        for await (const { invoiceUpdated: u } of updates) {
          const card = u.card;
          if (card) changeCard(u.cardId, (c) => ({ ...c, availableLimit: card.availableLimit }));
          if (u.invoice) putInvoice(u.cardId, u.invoice);
        }
      } catch (e) {
        if (!stopped) failed(e);
      }
    })();
    return () => {
      stopped = true;
      void updates.return(undefined);
    };
  }, [client, changeCard, putInvoice, failed]);

  const money = (m: { amount: string; currency: string }) =>
    formatMoney(m.amount, m.currency, locale);
  const payable = (data?.accounts ?? []).filter((a) => a.type !== 'CREDIT_CARD');
  const onCard = (card: CardsCardFragment) => {
    setData((d) => d && { ...d, cards: [...d.cards.filter((c) => c.id !== card.id), card] });
    void loadInvoices(card.id);
  };
  const common = { client, s, locale, failed, onError: setError, onCard };

  const cardView = (card: CardsCardFragment) => {
    const used = sumDecimals([
      card.limit.amount,
      `-${card.availableLimit.amount}`.replace('--', ''),
    ]);
    const list = [...(invoices[card.id] ?? [])].reverse();
    return (
      <section
        key={card.id}
        className="card credit-card"
        data-card={card.name}
        aria-labelledby={`card-${card.id}`}
      >
        <h3 id={`card-${card.id}`}>
          {card.name}
          <span className="muted">
            {' '}
            {card.brand}
            {card.last4 ? ` •••• ${card.last4}` : ''} · {s('closes')} {card.closingDay} · {s('due')}{' '}
            {card.dueDay}
          </span>
        </h3>
        <dl className="invoice-facts">
          <div>
            <dt>{s('limit')}</dt>
            <dd>{money(card.limit)}</dd>
          </div>
          <div>
            <dt>{s('used')}</dt>
            <dd data-testid="card-used">{money({ amount: used, currency: card.currency })}</dd>
          </div>
          <div>
            <dt>{s('available')}</dt>
            <dd data-testid="card-available">{money(card.availableLimit)}</dd>
          </div>
        </dl>
        <PurchaseForm
          {...common}
          cardId={card.id}
          today={today(data?.me.timeZone ?? 'America/Sao_Paulo')}
          categories={data?.categories ?? []}
        />
        <h4>{s('invoices')}</h4>
        {list.length === 0 && <p className="muted">{s('noInvoices')}</p>}
        <div className="invoices" aria-live="polite">
          {list.map((invoice) => (
            <InvoiceView
              key={invoice.id}
              client={client}
              invoice={invoice}
              accounts={payable}
              defaultAccountId={card.paymentAccount?.id ?? null}
              s={s}
              locale={locale}
              failed={failed}
              onPaid={(i) => putInvoice(card.id, i)}
            />
          ))}
        </div>
      </section>
    );
  };

  return (
    <div className="cards-screen">
      <h2>{s('title')}</h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {data && data.cards.length === 0 && <p>{s('none')}</p>}
      {data?.cards.map(cardView)}
      {data && (
        <section className="card" aria-labelledby="new-card-title">
          <h3 id="new-card-title">{s('newCard')}</h3>
          <CardForm {...common} accounts={payable} />
        </section>
      )}
    </div>
  );
}
