import { lazy, Suspense, useCallback, useEffect, useState, type FormEvent } from 'react';
import { isSaldoError, type SaldoClient } from '@saldo/sdk';
import { newKey } from './client';
import {
  DashBalanceChangedDocument,
  DashCreateAccountDocument,
  DashCreateEntryDocument,
  DashMeDocument,
  DashOverviewDocument,
  type DashAccountFragment,
  type DashEntryFragment,
  type DashMeQuery,
} from './gql/graphql';
import {
  formatDate,
  formatMoney,
  parseAmount,
  sumDecimals,
  today,
  type Locale,
  type MessageKey,
} from './i18n';

type T = (key: MessageKey) => string;
type Me = DashMeQuery['me'];

interface Props {
  client: SaldoClient;
  t: T;
  locale: Locale;
  onSignedOut: () => void;
}

const ACCOUNT_TYPES = ['CHECKING', 'SAVINGS', 'CASH', 'WALLET', 'INVESTMENT'] as const;
const ENTRY_KINDS = ['EXPENSE', 'INCOME'] as const;
const PAGE = 50;

// Cash flow, bills, invoices and budgets: their own chunk (the chart one more), after the rest.
const OverviewExtras = lazy(() => import('./overview/OverviewExtras'));

const message = (e: unknown) => (isSaldoError(e) ? e.message : String(e));

export function Overview({ client, t, locale, onSignedOut }: Props) {
  const [me, setMe] = useState<Me | null>(null);
  const [accounts, setAccounts] = useState<DashAccountFragment[] | null>(null);
  const [entries, setEntries] = useState<DashEntryFragment[]>([]);
  const [error, setError] = useState<string | null>(null);

  const failed = useCallback(
    (e: unknown) => {
      if (isSaldoError(e) && e.code === 'UNAUTHENTICATED') onSignedOut();
      else setError(message(e));
    },
    [onSignedOut],
  );

  const load = useCallback(async () => {
    const data = await client.request(DashOverviewDocument, { first: PAGE });
    setAccounts(data.accounts);
    setEntries(data.entries.edges.map((e) => e.node));
  }, [client]);

  useEffect(() => {
    client.request(DashMeDocument).then((d) => setMe(d.me), failed);
    load().catch(failed);
  }, [client, load, failed]);

  // Balances live: every balanceChanged of this user's accounts, no reload.
  useEffect(() => {
    const changes = client.subscription(DashBalanceChangedDocument);
    let stopped = false;
    void (async () => {
      try {
        for await (const { balanceChanged: change } of changes) {
          setAccounts(
            (list) =>
              list?.map((a) =>
                a.id === change.accountId ? { ...a, balance: change.balance } : a,
              ) ?? list,
          );
          // The entry behind the change (made here or anywhere else) joins the list.
          void client
            .request(DashOverviewDocument, { first: PAGE })
            .then((data) => setEntries(data.entries.edges.map((e) => e.node)))
            .catch(() => undefined);
        }
      } catch (e) {
        if (!stopped) failed(e);
      }
    })();
    return () => {
      stopped = true;
      void changes.return(undefined);
    };
  }, [client, failed]);

  const timeZone = me?.timeZone ?? 'America/Sao_Paulo';
  const byCurrency = new Map<string, string[]>();
  for (const a of accounts ?? [])
    byCurrency.set(a.currency, [...(byCurrency.get(a.currency) ?? []), a.balance.amount]);

  return (
    <div className="overview">
      <h2>
        {t('overview')}
        {me && (
          <span className="muted">
            {' '}
            · {t('hello')}, {me.name}
          </span>
        )}
      </h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}

      <section className="card" aria-labelledby="accounts-title">
        <h3 id="accounts-title">{t('accounts')}</h3>
        {accounts === null ? (
          <p role="status">{t('loading')}</p>
        ) : accounts.length === 0 ? (
          <p>{t('noAccounts')}</p>
        ) : (
          <>
            <ul className="accounts" aria-live="polite">
              {accounts.map((a) => (
                <li key={a.id} data-account-id={a.id}>
                  <span className="account-name">{a.name}</span>
                  <span className="muted">{t(a.type as MessageKey) ?? a.type}</span>
                  <strong
                    className={a.balance.amount.startsWith('-') ? 'balance negative' : 'balance'}
                    data-testid="balance"
                  >
                    {formatMoney(a.balance.amount, a.balance.currency, locale)}
                  </strong>
                </li>
              ))}
            </ul>
            <p className="net-worth">
              {t('netWorth')}:{' '}
              {[...byCurrency]
                .map(([currency, amounts]) => formatMoney(sumDecimals(amounts), currency, locale))
                .join(' · ')}
            </p>
          </>
        )}
        <AccountForm
          client={client}
          t={t}
          locale={locale}
          onCreated={(account) => setAccounts((list) => [...(list ?? []), account])}
        />
      </section>

      <section className="card" aria-labelledby="entries-title">
        <h3 id="entries-title">{t('entries')}</h3>
        {accounts && accounts.length > 0 && (
          <EntryForm
            client={client}
            t={t}
            locale={locale}
            accounts={accounts}
            timeZone={timeZone}
            onCreated={(entry) =>
              setEntries((list) => [entry, ...list.filter((e) => e.id !== entry.id)])
            }
          />
        )}
        {entries.length === 0 ? (
          <p>{t('noEntries')}</p>
        ) : (
          <table className="entries">
            <thead>
              <tr>
                <th scope="col">{t('date')}</th>
                <th scope="col">{t('description')}</th>
                <th scope="col">{t('account')}</th>
                <th scope="col" className="num">
                  {t('amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>{formatDate(e.date, locale)}</td>
                  <td>{e.description || t(e.kind)}</td>
                  <td>{e.account.name}</td>
                  <td className={e.kind === 'EXPENSE' ? 'num negative' : 'num'}>
                    {formatMoney(
                      e.kind === 'EXPENSE' ? `-${e.amount.amount}` : e.amount.amount,
                      e.amount.currency,
                      locale,
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <Suspense fallback={null}>
        <OverviewExtras client={client} t={t} locale={locale} onSignedOut={onSignedOut} />
      </Suspense>
    </div>
  );
}

function AccountForm(props: {
  client: SaldoClient;
  t: T;
  locale: Locale;
  onCreated: (account: DashAccountFragment) => void;
}) {
  const { client, t, locale, onCreated } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const initial = String(form.get('initialBalance') ?? '').trim();
    const initialBalance = initial ? parseAmount(initial, locale) : '0';
    if (initialBalance === null) return setError(t('errorAmount'));
    setBusy(true);
    setError(null);
    try {
      const { createAccount } = await client.request(DashCreateAccountDocument, {
        input: {
          name: String(form.get('name') ?? ''),
          type: String(form.get('type')) as (typeof ACCOUNT_TYPES)[number],
          currency: 'BRL',
          initialBalance,
        },
      });
      onCreated(createAccount);
      formElement.reset();
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="inline-form" aria-label={t('newAccount')} onSubmit={(e) => void submit(e)}>
      <label>
        {t('accountName')}
        <input name="name" required maxLength={100} />
      </label>
      <label>
        {t('accountType')}
        <select name="type" defaultValue="CHECKING">
          {ACCOUNT_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(type)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('initialBalance')}
        <input name="initialBalance" inputMode="decimal" placeholder="0,00" />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {t('create')}
      </button>
    </form>
  );
}

function EntryForm(props: {
  client: SaldoClient;
  t: T;
  locale: Locale;
  accounts: DashAccountFragment[];
  timeZone: string;
  onCreated: (entry: DashEntryFragment) => void;
}) {
  const { client, t, locale, accounts, timeZone, onCreated } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // One key per draft: a double click or a retry after a network error books once;
  // editing the draft makes it another booking with a new key.
  const [key, setKey] = useState(newKey);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const amount = parseAmount(String(form.get('amount') ?? ''), locale);
    if (amount === null) return setError(t('errorAmount'));
    setBusy(true);
    setError(null);
    try {
      const { createEntry } = await client.request(DashCreateEntryDocument, {
        input: {
          kind: String(form.get('kind')) as (typeof ENTRY_KINDS)[number],
          accountId: String(form.get('accountId')),
          amount,
          description: String(form.get('description') ?? '') || null,
          date: String(form.get('date') ?? '') || null,
          idempotencyKey: key,
        },
      });
      onCreated(createEntry);
      formElement.reset();
      setKey(newKey());
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="inline-form"
      aria-label={t('newEntry')}
      onSubmit={(e) => void submit(e)}
      onChange={() => setKey(newKey())}
    >
      <label>
        {t('kind')}
        <select name="kind" defaultValue="EXPENSE">
          {ENTRY_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(kind)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('account')}
        <select name="accountId" defaultValue={accounts[0]?.id}>
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('amount')}
        <input name="amount" inputMode="decimal" placeholder="45,90" required />
      </label>
      <label>
        {t('description')}
        <input name="description" maxLength={200} />
      </label>
      <label>
        {t('date')}
        <input name="date" type="date" defaultValue={today(timeZone)} key={timeZone} />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('saving') : t('add')}
      </button>
    </form>
  );
}
