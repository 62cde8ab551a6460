// The budgets screen (#/budgets): a month's budgets with what was spent against each limit;
// create one for a category or change its limit.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { isSaldoError } from '@saldo/sdk';
import {
  BudgetsScreenDocument,
  BudgetsSetDocument,
  type BudgetsItemFragment,
  type BudgetsScreenQuery,
} from '../gql/graphql';
import { formatMoney, parseAmount, today } from '../i18n';
import { localStrings, type ScreenProps } from '../screen';
import './budgets.css';

const strings = localStrings(
  {
    title: 'Orçamentos',
    month: 'Mês',
    none: 'Nenhum orçamento neste mês.',
    newBudget: 'Novo orçamento',
    category: 'Categoria',
    limit: 'Limite',
    create: 'Criar',
    edit: 'Alterar limite',
    save: 'Salvar',
    cancel: 'Cancelar',
    spent: 'gasto',
    of: 'de',
    remaining: 'restam',
    exceeded: 'estourado em',
    errorAmount: 'Informe um valor positivo, por exemplo 500,00.',
  },
  {
    title: 'Budgets',
    month: 'Month',
    none: 'No budgets this month.',
    newBudget: 'New budget',
    category: 'Category',
    limit: 'Limit',
    create: 'Create',
    edit: 'Change limit',
    save: 'Save',
    cancel: 'Cancel',
    spent: 'spent',
    of: 'of',
    remaining: 'left',
    exceeded: 'exceeded by',
    errorAmount: 'Enter a positive amount, for example 500.00.',
  },
);

const message = (e: unknown) => (isSaldoError(e) ? e.message : String(e));

const cents = (v: string) => {
  const [i = '0', f = ''] = v.replace('-', '').split('.');
  return BigInt(i) * 100n + BigInt((f + '00').slice(0, 2));
};

/** Spent as a whole percentage of the limit (exact cents), capped at 100 for the bar. */
function percent(spent: string, limit: string): number {
  const l = cents(limit);
  if (l === 0n) return 100;
  const p = (cents(spent) * 100n) / l;
  return Number(p > 100n ? 100n : p);
}

export function Budgets({ client, locale, onSignedOut }: ScreenProps) {
  const s = strings(locale);
  const [month, setMonth] = useState(() => today('America/Sao_Paulo').slice(0, 7));
  const [data, setData] = useState<BudgetsScreenQuery | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [zoneChecked, setZoneChecked] = useState(false);

  const failed = useCallback(
    (e: unknown) => {
      if (isSaldoError(e) && e.code === 'UNAUTHENTICATED') onSignedOut();
      else setError(message(e));
    },
    [onSignedOut],
  );

  useEffect(() => {
    let current = true;
    client.request(BudgetsScreenDocument, { month }).then((d) => {
      if (!current) return;
      // The first answer tells the user's time zone: "this month" is theirs.
      const mine = today(d.me.timeZone).slice(0, 7);
      if (!zoneChecked) {
        setZoneChecked(true);
        if (mine !== month) return setMonth(mine);
      }
      setData(d);
    }, failed);
    return () => {
      current = false;
    };
  }, [client, month, failed, zoneChecked]);

  const set = async (categoryId: string, limitText: string) => {
    const limit = parseAmount(limitText, locale);
    if (limit === null) return setError(s('errorAmount'));
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const { setBudget } = await client.request(BudgetsSetDocument, { categoryId, month, limit });
      setData(
        (d) =>
          d && {
            ...d,
            budgets: [...d.budgets.filter((b) => b.id !== setBudget.id), setBudget].sort((a, b) =>
              a.category.name.localeCompare(b.category.name),
            ),
          },
      );
      setEditing(null);
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  };

  const money = (m: { amount: string; currency: string }) =>
    formatMoney(m.amount, m.currency, locale);

  const create = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    void set(String(form.get('categoryId')), String(form.get('limit') ?? '')).then(() =>
      element.reset(),
    );
  };

  const row = (b: BudgetsItemFragment) => {
    const label = `${b.category.name}: ${money(b.spent)} ${s('of')} ${money(b.limit)}`;
    return (
      <li key={b.id} data-budget={b.category.name} className={b.exceeded ? 'exceeded' : undefined}>
        <div className="budget-head">
          <strong>{b.category.name}</strong>
          <span>
            {money(b.spent)} {s('of')} {money(b.limit)}
          </span>
        </div>
        <progress max={100} value={percent(b.spent.amount, b.limit.amount)} aria-label={label} />
        <div className="budget-foot muted">
          <span data-testid="budget-percent">{percent(b.spent.amount, b.limit.amount)}%</span>
          <span>
            {b.exceeded
              ? `${s('exceeded')} ${money({ ...b.remaining, amount: b.remaining.amount.replace('-', '') })}`
              : `${s('remaining')} ${money(b.remaining)}`}
          </span>
        </div>
        {editing === b.id ? (
          <form
            className="inline-form"
            aria-label={`${s('edit')}: ${b.category.name}`}
            onSubmit={(e) => {
              e.preventDefault();
              void set(b.category.id, String(new FormData(e.currentTarget).get('limit') ?? ''));
            }}
          >
            <label>
              {s('limit')}
              <input name="limit" inputMode="decimal" required />
            </label>
            <button type="submit" className="primary" disabled={busy}>
              {s('save')}
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              {s('cancel')}
            </button>
          </form>
        ) : (
          <button
            type="button"
            aria-label={`${s('edit')}: ${b.category.name}`}
            onClick={() => setEditing(b.id)}
          >
            {s('edit')}
          </button>
        )}
      </li>
    );
  };

  const unbudgeted = data?.categories.filter(
    (c) => !data.budgets.some((b) => b.category.id === c.id),
  );

  return (
    <div className="budgets-screen">
      <h2>{s('title')}</h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <section className="card">
        <label className="budgets-month">
          {s('month')}
          <input
            type="month"
            value={month}
            required
            onChange={(e) => e.target.value && setMonth(e.target.value)}
          />
        </label>
        {data && data.budgets.length === 0 && <p>{s('none')}</p>}
        <ul className="budgets-items">{data?.budgets.map(row)}</ul>
        {unbudgeted && unbudgeted.length > 0 && (
          <form className="inline-form" aria-label={s('newBudget')} onSubmit={create}>
            <label>
              {s('category')}
              <select name="categoryId">
                {unbudgeted.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {s('limit')}
              <input name="limit" inputMode="decimal" placeholder="500,00" required />
            </label>
            <button type="submit" disabled={busy}>
              {s('create')}
            </button>
          </form>
        )}
      </section>
    </div>
  );
}
