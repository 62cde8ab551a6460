// The accounts & categories screen (#/accounts): create, rename and archive accounts; list
// and create categories.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { isSaldoError } from '@saldo/sdk';
import {
  AccountsArchiveDocument,
  AccountsCreateCategoryDocument,
  AccountsCreateDocument,
  AccountsRenameDocument,
  AccountsScreenDocument,
  type AccountType,
  type AccountsCategoryFragment,
  type AccountsItemFragment,
  type CategoryKind,
} from '../gql/graphql';
import { formatMoney, parseAmount } from '../i18n';
import { localStrings, type ScreenProps } from '../screen';
import './accounts.css';

const TYPES: readonly AccountType[] = ['CHECKING', 'SAVINGS', 'CASH', 'WALLET', 'INVESTMENT'];
const KINDS: readonly CategoryKind[] = ['EXPENSE', 'INCOME'];

const strings = localStrings(
  {
    title: 'Contas e categorias',
    accounts: 'Contas',
    newAccount: 'Nova conta',
    name: 'Nome',
    type: 'Tipo',
    initialBalance: 'Saldo inicial',
    create: 'Criar',
    rename: 'Renomear',
    newName: 'Novo nome',
    save: 'Salvar',
    cancel: 'Cancelar',
    archive: 'Arquivar',
    archived: 'arquivada',
    categories: 'Categorias',
    newCategory: 'Nova categoria',
    kind: 'Tipo',
    parent: 'Dentro de',
    none: 'Nenhuma',
    noAccounts: 'Nenhuma conta ainda.',
    errorAmount: 'Informe um valor, por exemplo 1.234,56.',
    CHECKING: 'Conta corrente',
    SAVINGS: 'Poupança',
    CASH: 'Dinheiro',
    WALLET: 'Carteira',
    INVESTMENT: 'Investimento',
    CREDIT_CARD: 'Cartão de crédito',
    LOAN: 'Empréstimo',
    OTHER_ASSET: 'Outro bem',
    OTHER_LIABILITY: 'Outra dívida',
    EXPENSE: 'Despesas',
    INCOME: 'Receitas',
  },
  {
    title: 'Accounts and categories',
    accounts: 'Accounts',
    newAccount: 'New account',
    name: 'Name',
    type: 'Type',
    initialBalance: 'Initial balance',
    create: 'Create',
    rename: 'Rename',
    newName: 'New name',
    save: 'Save',
    cancel: 'Cancel',
    archive: 'Archive',
    archived: 'archived',
    categories: 'Categories',
    newCategory: 'New category',
    kind: 'Kind',
    parent: 'Inside',
    none: 'None',
    noAccounts: 'No accounts yet.',
    errorAmount: 'Enter an amount, for example 1,234.56.',
    CHECKING: 'Checking',
    SAVINGS: 'Savings',
    CASH: 'Cash',
    WALLET: 'Wallet',
    INVESTMENT: 'Investment',
    CREDIT_CARD: 'Credit card',
    LOAN: 'Loan',
    OTHER_ASSET: 'Other asset',
    OTHER_LIABILITY: 'Other liability',
    EXPENSE: 'Expenses',
    INCOME: 'Income',
  },
);

const message = (e: unknown) => (isSaldoError(e) ? e.message : String(e));

export function Accounts({ client, locale, onSignedOut }: ScreenProps) {
  const s = strings(locale);
  const [accounts, setAccounts] = useState<AccountsItemFragment[] | null>(null);
  const [categories, setCategories] = useState<AccountsCategoryFragment[]>([]);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const failed = useCallback(
    (e: unknown) => {
      if (isSaldoError(e) && e.code === 'UNAUTHENTICATED') onSignedOut();
      else setError(message(e));
    },
    [onSignedOut],
  );

  useEffect(() => {
    client.request(AccountsScreenDocument).then((d) => {
      setAccounts(d.accounts);
      setCategories(d.categories);
    }, failed);
  }, [client, failed]);

  const replace = (a: AccountsItemFragment) =>
    setAccounts((list) => list?.map((x) => (x.id === a.id ? a : x)) ?? list);

  const run = async (work: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  };

  const createAccount = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const initial = String(form.get('initialBalance') ?? '').trim();
    const initialBalance = initial ? parseAmount(initial, locale) : '0';
    if (initialBalance === null) return setError(s('errorAmount'));
    void run(async () => {
      const { createAccount } = await client.request(AccountsCreateDocument, {
        input: {
          name: String(form.get('name') ?? ''),
          type: String(form.get('type')) as AccountType,
          currency: 'BRL',
          initialBalance,
        },
      });
      setAccounts((list) => [...(list ?? []), createAccount]);
      element.reset();
    });
  };

  const rename = (event: FormEvent<HTMLFormElement>, id: string) => {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get('name') ?? '').trim();
    void run(async () => {
      const { updateAccount } = await client.request(AccountsRenameDocument, {
        id,
        input: { name },
      });
      replace(updateAccount);
      setRenaming(null);
    });
  };

  const createCategory = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const parentId = String(form.get('parentId') ?? '');
    void run(async () => {
      const { createCategory } = await client.request(AccountsCreateCategoryDocument, {
        input: {
          name: String(form.get('name') ?? ''),
          kind: String(form.get('kind')) as CategoryKind,
          ...(parentId ? { parentId } : {}),
        },
      });
      setCategories((list) => [...list, createCategory]);
      element.reset();
    });
  };

  return (
    <div className="accounts-screen">
      <h2>{s('title')}</h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <section className="card" aria-labelledby="accounts-screen-accounts">
        <h3 id="accounts-screen-accounts">{s('accounts')}</h3>
        {accounts !== null && accounts.length === 0 && <p>{s('noAccounts')}</p>}
        <ul className="accounts-items">
          {accounts?.map((a) => (
            <li key={a.id} data-account={a.name} className={a.archived ? 'archived' : undefined}>
              {renaming === a.id ? (
                <form
                  className="inline-form"
                  aria-label={`${s('rename')}: ${a.name}`}
                  onSubmit={(e) => rename(e, a.id)}
                >
                  <label>
                    {s('newName')}
                    <input name="name" defaultValue={a.name} required maxLength={100} />
                  </label>
                  <button type="submit" className="primary" disabled={busy}>
                    {s('save')}
                  </button>
                  <button type="button" onClick={() => setRenaming(null)}>
                    {s('cancel')}
                  </button>
                </form>
              ) : (
                <>
                  <span className="account-name">{a.name}</span>
                  <span className="muted">
                    {s(a.type)}
                    {a.archived ? ` · ${s('archived')}` : ''}
                  </span>
                  <strong data-testid="balance">
                    {formatMoney(a.balance.amount, a.balance.currency, locale)}
                  </strong>
                  <span>
                    <button
                      type="button"
                      aria-label={`${s('rename')}: ${a.name}`}
                      onClick={() => setRenaming(a.id)}
                    >
                      {s('rename')}
                    </button>{' '}
                    {!a.archived && (
                      <button
                        type="button"
                        aria-label={`${s('archive')}: ${a.name}`}
                        disabled={busy}
                        onClick={() =>
                          void run(async () => {
                            const d = await client.request(AccountsArchiveDocument, { id: a.id });
                            replace(d.archiveAccount);
                          })
                        }
                      >
                        {s('archive')}
                      </button>
                    )}
                  </span>
                </>
              )}
            </li>
          ))}
        </ul>
        <form className="inline-form" aria-label={s('newAccount')} onSubmit={createAccount}>
          <label>
            {s('name')}
            <input name="name" required maxLength={100} />
          </label>
          <label>
            {s('type')}
            <select name="type" defaultValue="CHECKING">
              {TYPES.map((t) => (
                <option key={t} value={t}>
                  {s(t)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {s('initialBalance')}
            <input name="initialBalance" inputMode="decimal" placeholder="0,00" />
          </label>
          <button type="submit" disabled={busy}>
            {s('create')}
          </button>
        </form>
      </section>

      <section className="card" aria-labelledby="accounts-screen-categories">
        <h3 id="accounts-screen-categories">{s('categories')}</h3>
        {KINDS.map((kind) => (
          <div key={kind}>
            <h4>{s(kind)}</h4>
            <ul className="category-items" aria-label={s(kind)}>
              {categories
                .filter((c) => c.kind === kind)
                .map((c) => (
                  <li key={c.id}>{c.parent ? `${c.parent.name} › ${c.name}` : c.name}</li>
                ))}
            </ul>
          </div>
        ))}
        <form className="inline-form" aria-label={s('newCategory')} onSubmit={createCategory}>
          <label>
            {s('name')}
            <input name="name" required maxLength={60} />
          </label>
          <label>
            {s('kind')}
            <select name="kind" defaultValue="EXPENSE">
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {s(k)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {s('parent')}
            <select name="parentId" defaultValue="">
              <option value="">{s('none')}</option>
              {categories
                .filter((c) => !c.parent)
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
            </select>
          </label>
          <button type="submit" disabled={busy}>
            {s('create')}
          </button>
        </form>
      </section>
    </div>
  );
}
