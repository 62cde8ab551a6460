import { useState, type FormEvent } from 'react';
import { isSaldoError, type SaldoClient } from '@saldo/sdk';
import type { Locale, MessageKey } from './i18n';

interface Props {
  client: SaldoClient;
  t: (key: MessageKey) => string;
  locale: Locale;
  onSignedIn: () => void;
}

export function AuthScreen({ client, t, locale, onSignedIn }: Props) {
  const [mode, setMode] = useState<'signIn' | 'register'>('signIn');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email') ?? '');
    const password = String(form.get('password') ?? '');
    setBusy(true);
    setError(null);
    try {
      if (mode === 'signIn') await client.auth.signIn(email, password);
      else
        await client.auth.register({
          email,
          password,
          name: String(form.get('name') ?? ''),
          locale,
          timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        });
      onSignedIn();
    } catch (e) {
      setError(isSaldoError(e) ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const title = mode === 'signIn' ? t('signIn') : t('register');
  return (
    <section className="card auth" aria-labelledby="auth-title">
      <h2 id="auth-title">{title}</h2>
      <form onSubmit={(e) => void submit(e)}>
        {mode === 'register' && (
          <label>
            {t('name')}
            <input name="name" autoComplete="name" required />
          </label>
        )}
        <label>
          {t('email')}
          <input name="email" type="email" autoComplete="email" required />
        </label>
        <label>
          {t('password')}
          <input
            name="password"
            type="password"
            autoComplete={mode === 'signIn' ? 'current-password' : 'new-password'}
            minLength={mode === 'register' ? 10 : undefined}
            required
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {title}
        </button>
      </form>
      <button
        type="button"
        className="link"
        onClick={() => {
          setMode(mode === 'signIn' ? 'register' : 'signIn');
          setError(null);
        }}
      >
        {mode === 'signIn' ? t('noAccount') : t('haveAccount')}
      </button>
    </section>
  );
}
