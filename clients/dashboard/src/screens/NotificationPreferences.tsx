// Notification preferences (#/notifications): channels per type, quiet hours, the daily
// summary and the low-balance threshold.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { isSaldoError } from '@saldo/sdk';
import { PrefsScreenDocument, PrefsUpdateDocument, type PrefsAllFragment } from '../gql/graphql';
import { parseAmount } from '../i18n';
import { localStrings, type ScreenProps } from '../screen';
import './notification-preferences.css';

const CHANNELS = ['inApp', 'email', 'push', 'whatsapp', 'webhook'] as const;

const strings = localStrings(
  {
    title: 'Preferências de notificação',
    type: 'Tipo',
    inApp: 'No app',
    email: 'E-mail',
    push: 'Push',
    whatsapp: 'WhatsApp',
    webhook: 'Webhook',
    quiet: 'Horário de silêncio',
    quietStart: 'Início',
    quietEnd: 'Fim',
    dailySummary: 'Resumo diário',
    lowBalance: 'Avisar com saldo abaixo de',
    save: 'Salvar',
    saved: 'Preferências salvas.',
    errorAmount: 'Informe um valor positivo, por exemplo 100,00.',
  },
  {
    title: 'Notification preferences',
    type: 'Type',
    inApp: 'In app',
    email: 'Email',
    push: 'Push',
    whatsapp: 'WhatsApp',
    webhook: 'Webhook',
    quiet: 'Quiet hours',
    quietStart: 'Start',
    quietEnd: 'End',
    dailySummary: 'Daily summary',
    lowBalance: 'Warn when a balance is below',
    save: 'Save',
    saved: 'Preferences saved.',
    errorAmount: 'Enter a positive amount, for example 100.00.',
  },
);

const message = (e: unknown) => (isSaldoError(e) ? e.message : String(e));

export function NotificationPreferences({ client, locale, onSignedOut }: ScreenProps) {
  const s = strings(locale);
  const [prefs, setPrefs] = useState<PrefsAllFragment | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const failed = useCallback(
    (e: unknown) => {
      if (isSaldoError(e) && e.code === 'UNAUTHENTICATED') onSignedOut();
      else setError(message(e));
    },
    [onSignedOut],
  );

  useEffect(() => {
    client.request(PrefsScreenDocument).then((d) => setPrefs(d.notificationPreferences), failed);
  }, [client, failed]);

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!prefs) return;
    const form = new FormData(event.currentTarget);
    const on = (name: string) => form.get(name) === 'on';
    const thresholdText = String(form.get('lowBalance') ?? '').trim();
    const threshold = thresholdText ? parseAmount(thresholdText, locale) : null;
    if (thresholdText && threshold === null) return setError(s('errorAmount'));
    const start = String(form.get('quietStart') ?? '');
    const end = String(form.get('quietEnd') ?? '');
    setError(null);
    setStatus(null);
    try {
      const { updateNotificationPreferences } = await client.request(PrefsUpdateDocument, {
        input: {
          channels: prefs.channels.map((c) => ({
            type: c.type,
            ...Object.fromEntries(CHANNELS.map((ch) => [ch, on(`${c.type}.${ch}`)])),
          })),
          quietHours: start && end ? { start, end } : null,
          dailySummary: on('dailySummary'),
          ...(threshold ? { lowBalanceThreshold: threshold } : {}),
        },
      });
      setPrefs(updateNotificationPreferences);
      setStatus(s('saved'));
    } catch (e) {
      failed(e);
    }
  };

  return (
    <div className="prefs-screen">
      <h2>{s('title')}</h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {prefs && (
        <form className="card" aria-label={s('title')} onSubmit={(e) => void save(e)}>
          <div style={{ overflowX: 'auto' }}>
            <table className="prefs-table">
              <thead>
                <tr>
                  <th scope="col">{s('type')}</th>
                  {CHANNELS.map((ch) => (
                    <th key={ch} scope="col">
                      {s(ch)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {prefs.channels.map((c) => (
                  <tr key={c.type}>
                    <th scope="row">{c.type}</th>
                    {CHANNELS.map((ch) => (
                      <td key={ch}>
                        <input
                          type="checkbox"
                          name={`${c.type}.${ch}`}
                          defaultChecked={c[ch]}
                          aria-label={`${c.type}: ${s(ch)}`}
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <fieldset>
            <legend>{s('quiet')}</legend>
            <label>
              {s('quietStart')}
              <input type="time" name="quietStart" defaultValue={prefs.quietHours?.start ?? ''} />
            </label>
            <label>
              {s('quietEnd')}
              <input type="time" name="quietEnd" defaultValue={prefs.quietHours?.end ?? ''} />
            </label>
          </fieldset>
          <label style={{ flexDirection: 'row', alignItems: 'center' }}>
            <input type="checkbox" name="dailySummary" defaultChecked={prefs.dailySummary} />{' '}
            {s('dailySummary')}
          </label>
          <label>
            {s('lowBalance')}
            <input
              name="lowBalance"
              inputMode="decimal"
              defaultValue={prefs.lowBalanceThreshold?.replace('.', locale === 'pt-BR' ? ',' : '.')}
            />
          </label>
          <button type="submit" className="primary">
            {s('save')}
          </button>
          {status && <p role="status">{status}</p>}
        </form>
      )}
    </div>
  );
}
