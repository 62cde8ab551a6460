// Creating a card and adding a purchase (split into installments) to one.
import { useState, type FormEvent } from 'react';
import type { SaldoClient } from '@saldo/sdk';
import { newKey } from '../client';
import {
  CardsCreateDocument,
  CardsPurchaseDocument,
  type CardBrand,
  type CardsCardFragment,
} from '../gql/graphql';
import { parseAmount, type Locale } from '../i18n';
import type { Strings } from './cards-strings';

const BRANDS: CardBrand[] = ['VISA', 'MASTERCARD', 'ELO', 'AMEX', 'HIPERCARD', 'OTHER'];

interface Common {
  client: SaldoClient;
  s: Strings;
  locale: Locale;
  failed: (e: unknown) => void;
  onError: (message: string) => void;
  onCard: (card: CardsCardFragment) => void;
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

export function CardForm(props: Common & { accounts: { id: string; name: string }[] }) {
  const { client, s, locale, accounts } = props;
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const limit = parseAmount(text(form, 'limit'), locale);
    if (limit === null) return props.onError(s('errorAmount'));
    setBusy(true);
    try {
      const { createCard } = await client.request(CardsCreateDocument, {
        input: {
          name: text(form, 'name'),
          brand: text(form, 'brand') as CardBrand,
          last4: text(form, 'last4') || null,
          currency: text(form, 'currency').toUpperCase(),
          limit,
          closingDay: Number(text(form, 'closingDay')),
          dueDay: Number(text(form, 'dueDay')),
          paymentAccountId: text(form, 'paymentAccountId') || null,
        },
      });
      props.onCard(createCard);
      element.reset();
    } catch (e) {
      props.failed(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="inline-form" aria-label={s('newCard')} onSubmit={(e) => void submit(e)}>
      <label>
        {s('name')}
        <input name="name" required maxLength={60} />
      </label>
      <label>
        {s('brand')}
        <select name="brand" defaultValue="OTHER">
          {BRANDS.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </label>
      <label>
        {s('last4')}
        <input name="last4" inputMode="numeric" pattern="\d{4}" maxLength={4} />
      </label>
      <label>
        {s('limit')}
        <input name="limit" inputMode="decimal" placeholder="5.000,00" required />
      </label>
      <label>
        {s('currency')}
        <input name="currency" defaultValue="BRL" required maxLength={3} />
      </label>
      <label>
        {s('closingDay')}
        <input name="closingDay" type="number" min={1} max={31} required />
      </label>
      <label>
        {s('dueDay')}
        <input name="dueDay" type="number" min={1} max={31} required />
      </label>
      <label>
        {s('paymentAccount')}
        <select name="paymentAccountId">
          <option value="">{s('noAccount')}</option>
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="primary" disabled={busy}>
        {s('create')}
      </button>
    </form>
  );
}

interface PurchaseProps extends Common {
  cardId: string;
  today: string;
  categories: { id: string; name: string }[];
}

export function PurchaseForm(props: PurchaseProps) {
  const { client, s, locale } = props;
  const [busy, setBusy] = useState(false);
  // One key per draft: a resubmit after a lost answer buys once.
  const [key, setKey] = useState(newKey);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const totalAmount = parseAmount(text(form, 'totalAmount'), locale);
    if (totalAmount === null) return props.onError(s('errorAmount'));
    setBusy(true);
    try {
      const { createPurchase } = await client.request(CardsPurchaseDocument, {
        input: {
          cardId: props.cardId,
          description: text(form, 'description'),
          totalAmount,
          purchaseDate: text(form, 'purchaseDate'),
          installmentCount: Number(text(form, 'installmentCount')),
          categoryId: text(form, 'categoryId') || null,
          idempotencyKey: key,
        },
      });
      props.onCard(createPurchase.card);
      setKey(newKey());
      element.reset();
    } catch (e) {
      props.failed(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="inline-form" aria-label={s('newPurchase')} onSubmit={(e) => void submit(e)}>
      <label>
        {s('description')}
        <input name="description" required maxLength={200} />
      </label>
      <label>
        {s('totalAmount')}
        <input name="totalAmount" inputMode="decimal" placeholder="300,00" required />
      </label>
      <label>
        {s('installments')}
        <input name="installmentCount" type="number" min={1} max={48} defaultValue={1} required />
      </label>
      <label>
        {s('date')}
        <input
          name="purchaseDate"
          type="date"
          max={props.today}
          defaultValue={props.today}
          required
        />
      </label>
      <label>
        {s('category')}
        <select name="categoryId">
          <option value="">{s('noCategory')}</option>
          {props.categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="primary" disabled={busy}>
        {s('buy')}
      </button>
    </form>
  );
}
