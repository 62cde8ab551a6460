// The entries screen (#/entries): every entry with filter (account, category, kind, dates),
// search, pages loaded as the list scrolls; add and edit income, expense and transfers;
// delete after a confirmation; the category picker shows the ai subgraph's suggestion.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { isSaldoError } from '@saldo/sdk';
import { newKey } from '../client';
import {
  EntriesAccountsDocument,
  EntriesCreateDocument,
  EntriesDeleteDocument,
  EntriesListDocument,
  EntriesSetupDocument,
  EntriesSuggestDocument,
  EntriesUpdateDocument,
  type EntriesAccountFragment,
  type EntriesCategoryFragment,
  type EntriesRowFragment,
  type EntryFilter,
  type EntryKind,
} from '../gql/graphql';
import { formatDate, formatMoney, parseAmount, today, type Locale } from '../i18n';
import { localStrings, type ScreenProps } from '../screen';
import './entries.css';

export const PAGE_SIZE = 25;
const KINDS: readonly EntryKind[] = ['EXPENSE', 'INCOME', 'TRANSFER'];

const strings = localStrings(
  {
    title: 'Lançamentos',
    filter: 'Filtrar lançamentos',
    search: 'Buscar na descrição',
    all: 'Todos',
    allAccounts: 'Todas as contas',
    allCategories: 'Todas as categorias',
    from: 'De',
    to: 'Até',
    apply: 'Aplicar',
    clear: 'Limpar',
    newEntry: 'Novo lançamento',
    editEntry: 'Editar lançamento',
    kind: 'Tipo',
    account: 'Conta',
    toAccount: 'Conta de destino',
    amount: 'Valor',
    category: 'Categoria',
    noCategory: 'Sem categoria',
    suggested: 'Sugestão',
    useSuggestion: 'Usar sugestão',
    description: 'Descrição',
    date: 'Data',
    add: 'Adicionar',
    save: 'Salvar',
    saving: 'Salvando…',
    cancel: 'Cancelar',
    edit: 'Editar',
    delete: 'Excluir',
    confirmDelete: 'Excluir este lançamento? O saldo é refeito.',
    confirm: 'Sim, excluir',
    loadMore: 'Carregar mais',
    loading: 'Carregando…',
    none: 'Nenhum lançamento encontrado.',
    noAccounts: 'Crie uma conta na visão geral antes de lançar.',
    balances: 'Saldos',
    actions: 'Ações',
    errorAmount: 'Informe um valor positivo, por exemplo 45,90.',
    errorSameAccount: 'Escolha uma conta de destino diferente da de origem.',
    shown: 'lançamentos mostrados',
    EXPENSE: 'Despesa',
    INCOME: 'Receita',
    TRANSFER: 'Transferência',
  },
  {
    title: 'Entries',
    filter: 'Filter entries',
    search: 'Search descriptions',
    all: 'All',
    allAccounts: 'All accounts',
    allCategories: 'All categories',
    from: 'From',
    to: 'To',
    apply: 'Apply',
    clear: 'Clear',
    newEntry: 'New entry',
    editEntry: 'Edit entry',
    kind: 'Kind',
    account: 'Account',
    toAccount: 'Destination account',
    amount: 'Amount',
    category: 'Category',
    noCategory: 'No category',
    suggested: 'Suggested',
    useSuggestion: 'Use suggestion',
    description: 'Description',
    date: 'Date',
    add: 'Add',
    save: 'Save',
    saving: 'Saving…',
    cancel: 'Cancel',
    edit: 'Edit',
    delete: 'Delete',
    confirmDelete: 'Delete this entry? The balance is recomputed.',
    confirm: 'Yes, delete',
    loadMore: 'Load more',
    loading: 'Loading…',
    none: 'No entries found.',
    noAccounts: 'Create an account on the overview before adding entries.',
    balances: 'Balances',
    actions: 'Actions',
    errorAmount: 'Enter a positive amount, for example 45.90.',
    errorSameAccount: 'Pick a destination account other than the source.',
    shown: 'entries shown',
    EXPENSE: 'Expense',
    INCOME: 'Income',
    TRANSFER: 'Transfer',
  },
);
type S = ReturnType<typeof strings>;

const message = (e: unknown) => (isSaldoError(e) ? e.message : String(e));

/** "1234.5" -> "1.234,50" (pt-BR) / "1,234.50" (en), for an input the person edits. */
function amountForInput(amount: string, locale: Locale): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    .format(amount as unknown as number)
    .replace(/\s/g, '');
}

interface Draft {
  kind: EntryKind;
  accountId: string;
  toAccountId: string;
  amount: string;
  categoryId: string;
  description: string;
  date: string;
}

export function Entries({ client, locale, onSignedOut }: ScreenProps) {
  const s = strings(locale);
  const [accounts, setAccounts] = useState<EntriesAccountFragment[] | null>(null);
  const [categories, setCategories] = useState<EntriesCategoryFragment[]>([]);
  const [timeZone, setTimeZone] = useState('America/Sao_Paulo');
  const [filter, setFilter] = useState<EntryFilter>({});
  const [rows, setRows] = useState<EntriesRowFragment[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [editing, setEditing] = useState<EntriesRowFragment | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Each list load gets a number; answers of an older one (another filter) are dropped.
  const generation = useRef(0);

  const failed = useCallback(
    (e: unknown) => {
      if (isSaldoError(e) && e.code === 'UNAUTHENTICATED') onSignedOut();
      else setError(message(e));
    },
    [onSignedOut],
  );

  useEffect(() => {
    client.request(EntriesSetupDocument).then((d) => {
      setAccounts(d.accounts);
      setCategories(d.categories);
      setTimeZone(d.me.timeZone);
    }, failed);
  }, [client, failed]);

  const refreshBalances = useCallback(() => {
    client.request(EntriesAccountsDocument).then((d) => setAccounts(d.accounts), failed);
  }, [client, failed]);

  const reload = useCallback(() => {
    const mine = ++generation.current;
    client.request(EntriesListDocument, { first: PAGE_SIZE, filter }).then((d) => {
      if (mine !== generation.current) return;
      setRows(d.entries.edges.map((e) => e.node));
      setNext(d.entries.pageInfo.hasNextPage ? (d.entries.pageInfo.endCursor ?? null) : null);
    }, failed);
  }, [client, filter, failed]);

  useEffect(reload, [reload]);

  const loadMore = useCallback(() => {
    if (!next || loadingMore) return;
    const mine = generation.current;
    setLoadingMore(true);
    client
      .request(EntriesListDocument, { first: PAGE_SIZE, after: next, filter })
      .then((d) => {
        if (mine !== generation.current) return;
        const fresh = d.entries.edges.map((e) => e.node);
        setRows((list) => [
          ...(list ?? []),
          ...fresh.filter((f) => !(list ?? []).some((r) => r.id === f.id)),
        ]);
        setNext(d.entries.pageInfo.hasNextPage ? (d.entries.pageInfo.endCursor ?? null) : null);
      }, failed)
      .finally(() => setLoadingMore(false));
  }, [client, next, loadingMore, filter, failed]);

  // Infinite paging: the next page loads when the end of the list scrolls into view
  // (the button stays for keyboards and for browsers without IntersectionObserver).
  const sentinel = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    const node = sentinel.current;
    if (!node || !next || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((seen) => {
      if (seen.some((e) => e.isIntersecting)) loadMore();
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, [next, loadMore]);

  const saved = () => {
    setEditing(null);
    reload();
    refreshBalances();
  };

  const remove = async (id: string) => {
    try {
      await client.request(EntriesDeleteDocument, { id });
      setDeleting(null);
      setRows((list) => list?.filter((r) => r.id !== id) ?? list);
      refreshBalances();
    } catch (e) {
      failed(e);
    }
  };

  const applyFilter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim() || undefined;
    const next: EntryFilter = {};
    const accountId = text('accountId');
    const categoryId = text('categoryId');
    const kind = text('kind') as EntryKind | undefined;
    const from = text('from');
    const to = text('to');
    const search = text('search');
    if (accountId) next.accountId = accountId;
    if (categoryId) next.categoryId = categoryId;
    if (kind) next.kind = kind;
    if (from) next.from = from;
    if (to) next.to = to;
    if (search) next.search = search;
    setFilter(next);
  };

  const money = (amount: string, currency: string) => formatMoney(amount, currency, locale);

  return (
    <div className="entries-screen">
      <h2>{s('title')}</h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}

      {accounts && accounts.length > 0 && (
        <section className="card" aria-labelledby="entries-balances">
          <h3 id="entries-balances">{s('balances')}</h3>
          <ul className="entries-balances">
            {accounts.map((a) => (
              <li key={a.id} data-account-id={a.id}>
                <span className="account-name">{a.name}</span>{' '}
                <strong data-testid="balance">{money(a.balance.amount, a.balance.currency)}</strong>
              </li>
            ))}
          </ul>
        </section>
      )}

      {accounts && accounts.length === 0 && <p>{s('noAccounts')}</p>}
      {accounts && accounts.length > 0 && (
        <section className="card">
          <EntryEditor
            key={editing?.id ?? 'new'}
            {...{ client, locale, s, accounts, categories, timeZone }}
            entry={editing}
            onSaved={saved}
            onCancel={() => setEditing(null)}
            failed={failed}
          />
        </section>
      )}

      <section className="card" aria-labelledby="entries-list-title">
        <h3 id="entries-list-title" className="visually-hidden">
          {s('title')}
        </h3>
        <form
          className="inline-form entries-filter"
          aria-label={s('filter')}
          onSubmit={applyFilter}
          onReset={() => setFilter({})}
        >
          <label>
            {s('search')}
            <input name="search" type="search" maxLength={100} />
          </label>
          <label>
            {s('account')}
            <select name="accountId" defaultValue="">
              <option value="">{s('allAccounts')}</option>
              {accounts?.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {s('category')}
            <select name="categoryId" defaultValue="">
              <option value="">{s('allCategories')}</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {s('kind')}
            <select name="kind" defaultValue="">
              <option value="">{s('all')}</option>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {s(k)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {s('from')}
            <input name="from" type="date" />
          </label>
          <label>
            {s('to')}
            <input name="to" type="date" />
          </label>
          <button type="submit">{s('apply')}</button>
          <button type="reset">{s('clear')}</button>
        </form>

        {rows === null ? (
          <p role="status">{s('loading')}</p>
        ) : rows.length === 0 ? (
          <p>{s('none')}</p>
        ) : (
          <>
            <p className="muted" aria-live="polite">
              <span data-testid="entries-count">{rows.length}</span> {s('shown')}
            </p>
            <ul className="entries-list">
              {rows.map((e) => (
                <li key={e.id} className="entry-row" data-entry-id={e.id}>
                  <span className="entry-date">{formatDate(e.date, locale)}</span>
                  <span className="entry-description">{e.description || s(e.kind)}</span>
                  <span className="entry-meta muted">
                    {e.kind === 'TRANSFER'
                      ? `${e.account.name} → ${e.toAccount?.name ?? ''}`
                      : e.account.name}
                    {e.category ? ` · ${e.category.name}` : ''}
                  </span>
                  <span className={e.kind === 'EXPENSE' ? 'entry-amount negative' : 'entry-amount'}>
                    {money(
                      e.kind === 'EXPENSE' ? `-${e.amount.amount}` : e.amount.amount,
                      e.amount.currency,
                    )}
                  </span>
                  <span className="entry-actions">
                    {deleting === e.id ? (
                      <span role="alertdialog" aria-label={s('confirmDelete')}>
                        <span>{s('confirmDelete')}</span>{' '}
                        <button type="button" className="danger" onClick={() => void remove(e.id)}>
                          {s('confirm')}
                        </button>{' '}
                        <button type="button" onClick={() => setDeleting(null)}>
                          {s('cancel')}
                        </button>
                      </span>
                    ) : (
                      <>
                        <button
                          type="button"
                          aria-label={`${s('edit')}: ${e.description || s(e.kind)}`}
                          onClick={() => {
                            setEditing(e);
                            window.scrollTo({ top: 0 });
                          }}
                        >
                          {s('edit')}
                        </button>{' '}
                        <button
                          type="button"
                          aria-label={`${s('delete')}: ${e.description || s(e.kind)}`}
                          onClick={() => setDeleting(e.id)}
                        >
                          {s('delete')}
                        </button>
                      </>
                    )}
                  </span>
                </li>
              ))}
            </ul>
            {next && (
              <div ref={sentinel}>
                <button type="button" onClick={loadMore} disabled={loadingMore}>
                  {loadingMore ? s('loading') : s('loadMore')}
                </button>
              </div>
            )}
          </>
        )}
      </section>
    </div>
  );
}

function EntryEditor(props: {
  client: ScreenProps['client'];
  locale: Locale;
  s: S;
  accounts: EntriesAccountFragment[];
  categories: EntriesCategoryFragment[];
  timeZone: string;
  entry: EntriesRowFragment | null;
  onSaved: () => void;
  onCancel: () => void;
  failed: (e: unknown) => void;
}) {
  const { client, locale, s, accounts, categories, timeZone, entry, onSaved, onCancel } = props;
  const first = accounts[0]?.id ?? '';
  const [draft, setDraft] = useState<Draft>(() =>
    entry
      ? {
          kind: entry.kind,
          accountId: entry.account.id,
          toAccountId: entry.toAccount?.id ?? '',
          amount: amountForInput(entry.amount.amount, locale),
          categoryId: entry.category?.id ?? '',
          description: entry.description,
          date: entry.date,
        }
      : {
          kind: 'EXPENSE',
          accountId: first,
          toAccountId: accounts.find((a) => a.id !== first)?.id ?? '',
          amount: '',
          categoryId: '',
          description: '',
          date: today(timeZone),
        },
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [suggestion, setSuggestion] = useState<EntriesCategoryFragment | null>(null);
  // One key per draft: a double click or a retry after a lost answer books once; changing
  // the draft makes it another booking with a new key.
  const [key, setKey] = useState(newKey);

  const change = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setKey(newKey());
  };

  // The ai subgraph's suggestion for the draft (debounced; none while a category is chosen).
  const { kind, description, amount, accountId, date, categoryId } = draft;
  useEffect(() => {
    setSuggestion(null);
    const decimal = parseAmount(amount, locale) ?? '1';
    if (kind === 'TRANSFER' || categoryId || description.trim().length < 3) return;
    let current = true;
    const timer = setTimeout(() => {
      client
        .request(EntriesSuggestDocument, {
          inputs: [{ description: description.trim(), amount: decimal, kind, date, accountId }],
        })
        .then(
          (d) => {
            if (current) setSuggestion(d.suggestCategories[0]?.category ?? null);
          },
          () => undefined, // no suggestion is fine: the picker still works
        );
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, locale, kind, description, amount, accountId, date, categoryId]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const decimal = parseAmount(draft.amount, locale);
    if (decimal === null) return setError(s('errorAmount'));
    if (draft.kind === 'TRANSFER' && draft.toAccountId === draft.accountId)
      return setError(s('errorSameAccount'));
    setBusy(true);
    setError(null);
    const transfer = draft.kind === 'TRANSFER';
    try {
      if (entry) {
        await client.request(EntriesUpdateDocument, {
          id: entry.id,
          input: {
            accountId: draft.accountId,
            ...(transfer ? { toAccountId: draft.toAccountId } : {}),
            amount: decimal,
            ...(transfer ? {} : { categoryId: draft.categoryId || null }),
            description: draft.description,
            date: draft.date,
          },
        });
      } else {
        await client.request(EntriesCreateDocument, {
          input: {
            kind: draft.kind,
            accountId: draft.accountId,
            ...(transfer ? { toAccountId: draft.toAccountId } : {}),
            amount: decimal,
            ...(!transfer && draft.categoryId ? { categoryId: draft.categoryId } : {}),
            description: draft.description || null,
            date: draft.date || null,
            idempotencyKey: key,
          },
        });
        setDraft((d) => ({ ...d, amount: '', description: '', categoryId: '' }));
        setKey(newKey());
      }
      onSaved();
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(false);
    }
  };

  const pickable = categories.filter((c) => c.kind === draft.kind);
  const title = entry ? s('editEntry') : s('newEntry');

  return (
    <form className="inline-form entry-editor" aria-label={title} onSubmit={(e) => void submit(e)}>
      <h3 className="editor-title">{title}</h3>
      <label>
        {s('kind')}
        <select
          value={draft.kind}
          disabled={entry !== null}
          onChange={(e) => change({ kind: e.target.value as EntryKind, categoryId: '' })}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {s(k)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {s('account')}
        <select value={draft.accountId} onChange={(e) => change({ accountId: e.target.value })}>
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      {draft.kind === 'TRANSFER' && (
        <label>
          {s('toAccount')}
          <select
            value={draft.toAccountId}
            required
            onChange={(e) => change({ toAccountId: e.target.value })}
          >
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {s('amount')}
        <input
          inputMode="decimal"
          placeholder="45,90"
          required
          value={draft.amount}
          onChange={(e) => change({ amount: e.target.value })}
        />
      </label>
      <label>
        {s('description')}
        <input
          maxLength={200}
          value={draft.description}
          onChange={(e) => change({ description: e.target.value })}
        />
      </label>
      {draft.kind !== 'TRANSFER' && (
        <label>
          {s('category')}
          <select value={draft.categoryId} onChange={(e) => change({ categoryId: e.target.value })}>
            <option value="">{s('noCategory')}</option>
            {pickable.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {s('date')}
        <input
          type="date"
          required
          value={draft.date}
          onChange={(e) => change({ date: e.target.value })}
        />
      </label>
      {suggestion && (
        <p className="suggestion" data-testid="category-suggestion">
          {s('suggested')}: <strong>{suggestion.name}</strong>{' '}
          <button type="button" onClick={() => change({ categoryId: suggestion.id })}>
            {s('useSuggestion')}
          </button>
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? s('saving') : entry ? s('save') : s('add')}
      </button>
      {entry && (
        <button type="button" onClick={onCancel}>
          {s('cancel')}
        </button>
      )}
    </form>
  );
}
