// The API keys screen (#/api-keys): partner keys with scopes; the secret is shown once,
// right after creating; revoke stops a key at once.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { isSaldoError } from '@saldo/sdk';
import {
  ApiKeysCreateDocument,
  ApiKeysRevokeDocument,
  ApiKeysScreenDocument,
  type ApiKeysItemFragment,
} from '../gql/graphql';
import { localStrings, type ScreenProps } from '../screen';
import './api-keys.css';

const SCOPES = [
  'ledger:read',
  'ledger:write',
  'cards:read',
  'cards:write',
  'import:read',
  'import:write',
  'billing:read',
  'billing:write',
];

const strings = localStrings(
  {
    title: 'Chaves de API',
    none: 'Nenhuma chave ainda.',
    newKey: 'Nova chave',
    name: 'Para que serve',
    scopes: 'Permissões',
    create: 'Criar chave',
    secret: 'Copie a chave agora: ela não será mostrada de novo.',
    created: 'Criada em',
    lastUsed: 'Último uso',
    never: 'nunca',
    revoked: 'Revogada',
    revoke: 'Revogar',
    pickScope: 'Escolha ao menos uma permissão.',
  },
  {
    title: 'API keys',
    none: 'No keys yet.',
    newKey: 'New key',
    name: 'What it is for',
    scopes: 'Scopes',
    create: 'Create key',
    secret: 'Copy the key now: it will not be shown again.',
    created: 'Created',
    lastUsed: 'Last used',
    never: 'never',
    revoked: 'Revoked',
    revoke: 'Revoke',
    pickScope: 'Pick at least one scope.',
  },
);

const message = (e: unknown) => (isSaldoError(e) ? e.message : String(e));

export function ApiKeys({ client, locale, onSignedOut }: ScreenProps) {
  const s = strings(locale);
  const [keys, setKeys] = useState<ApiKeysItemFragment[] | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(
      new Date(iso),
    );

  const failed = useCallback(
    (e: unknown) => {
      if (isSaldoError(e) && e.code === 'UNAUTHENTICATED') onSignedOut();
      else setError(message(e));
    },
    [onSignedOut],
  );

  useEffect(() => {
    client
      .request(ApiKeysScreenDocument)
      .then((d) => setKeys(d.apiKeys.edges.map((e) => e.node)), failed);
  }, [client, failed]);

  const put = (key: ApiKeysItemFragment) =>
    setKeys((list) => [key, ...(list ?? []).filter((k) => k.id !== key.id)]);

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const scopes = form.getAll('scopes').map(String);
    if (scopes.length === 0) return setError(s('pickScope'));
    setBusy(true);
    setError(null);
    try {
      const name = String(form.get('name') ?? '').trim();
      const { createApiKey } = await client.request(ApiKeysCreateDocument, { name, scopes });
      put(createApiKey.apiKey);
      setSecret(createApiKey.secret);
      element.reset();
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (id: string) => {
    try {
      const { revokeApiKey } = await client.request(ApiKeysRevokeDocument, { id });
      setKeys((list) => list?.map((k) => (k.id === id ? revokeApiKey : k)) ?? list);
    } catch (e) {
      failed(e);
    }
  };

  return (
    <div className="api-keys-screen">
      <h2>{s('title')}</h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {secret && (
        <section className="card" role="status" aria-label={s('secret')}>
          <p>{s('secret')}</p>
          <code data-testid="api-key-secret">{secret}</code>
        </section>
      )}
      <section className="card">
        {keys && keys.length === 0 && <p>{s('none')}</p>}
        <ul className="accounts">
          {keys?.map((k) => (
            <li key={k.id} data-api-key={k.name}>
              <span className="account-name">
                <strong>{k.name}</strong> <code>{k.prefix}</code>
                <br />
                <span className="muted">
                  {k.scopes.join(', ')} · {s('created')} {when(k.createdAt)} · {s('lastUsed')}{' '}
                  {k.lastUsedAt ? when(k.lastUsedAt) : s('never')}
                </span>
              </span>
              {k.revokedAt ? (
                <span className="muted">{s('revoked')}</span>
              ) : (
                <button
                  type="button"
                  aria-label={`${s('revoke')}: ${k.name}`}
                  onClick={() => void revoke(k.id)}
                >
                  {s('revoke')}
                </button>
              )}
            </li>
          ))}
        </ul>
        <form aria-label={s('newKey')} onSubmit={(e) => void create(e)}>
          <label>
            {s('name')}
            <input name="name" required maxLength={100} placeholder="ERP" />
          </label>
          <fieldset>
            <legend>{s('scopes')}</legend>
            {SCOPES.map((scope) => (
              <label key={scope} className="checkbox">
                <input type="checkbox" name="scopes" value={scope} /> {scope}
              </label>
            ))}
          </fieldset>
          <button type="submit" className="primary" disabled={busy}>
            {s('create')}
          </button>
        </form>
      </section>
    </div>
  );
}
