// The notifications bell (a header widget): unread count live from notificationReceived,
// a dropdown with the latest, mark one or all read.
import { useCallback, useEffect, useState } from 'react';
import {
  BellInboxDocument,
  BellMarkAllReadDocument,
  BellMarkReadDocument,
  BellReceivedDocument,
  type BellNotificationFragment,
} from '../gql/graphql';
import { localStrings, type ScreenProps } from '../screen';
import './bell.css';

const strings = localStrings(
  {
    bell: 'Notificações',
    unread: 'não lidas',
    none: 'Nenhuma notificação.',
    markRead: 'Marcar como lida',
    markAll: 'Marcar todas como lidas',
  },
  {
    bell: 'Notifications',
    unread: 'unread',
    none: 'No notifications.',
    markRead: 'Mark read',
    markAll: 'Mark all read',
  },
);

export default function Bell({ client, locale }: ScreenProps) {
  const s = strings(locale);
  const [count, setCount] = useState(0);
  const [items, setItems] = useState<BellNotificationFragment[]>([]);
  const [open, setOpen] = useState(false);

  const load = useCallback(
    () =>
      client.request(BellInboxDocument).then((d) => {
        setCount(d.unreadNotificationCount);
        setItems(d.notifications.edges.map((e) => e.node));
      }),
    [client],
  );

  useEffect(() => {
    load().catch(() => undefined);
    const received = client.subscription(BellReceivedDocument);
    void (async () => {
      try {
        for await (const { notificationReceived: n } of received) {
          setItems((list) => [n, ...list.filter((i) => i.id !== n.id)].slice(0, 20));
          if (!n.readAt) setCount((c) => c + 1);
        }
      } catch {
        // The connection ended (signed out or closed): the next open reloads.
      }
    })();
    return () => void received.return(undefined);
  }, [client, load]);

  const markRead = async (id: string) => {
    const { markNotificationRead: n } = await client.request(BellMarkReadDocument, { id });
    setItems((list) => list.map((i) => (i.id === n.id ? n : i)));
    await load();
  };
  const markAll = async () => {
    await client.request(BellMarkAllReadDocument);
    await load();
  };

  return (
    <div className="bell">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="bell-panel"
        aria-label={`${s('bell')}: ${count} ${s('unread')}`}
        onClick={() => {
          setOpen(!open);
          if (!open) load().catch(() => undefined);
        }}
      >
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
          />
        </svg>{' '}
        <span data-testid="unread-count" className={count > 0 ? 'bell-count' : undefined}>
          {count}
        </span>
      </button>
      {open && (
        <div id="bell-panel" className="bell-panel" role="region" aria-label={s('bell')}>
          {items.length === 0 ? (
            <p>{s('none')}</p>
          ) : (
            <ul>
              {items.map((n) => (
                <li key={n.id} className={n.readAt ? 'read' : 'unread'}>
                  <strong>{n.title}</strong>
                  <span>{n.body}</span>
                  {!n.readAt && (
                    <button
                      type="button"
                      aria-label={`${s('markRead')}: ${n.title}`}
                      onClick={() => void markRead(n.id)}
                    >
                      {s('markRead')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {count > 0 && (
            <button type="button" onClick={() => void markAll()}>
              {s('markAll')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
