import type { Command } from 'commander';
import type { NotificationPartsFragment } from '@saldo/sdk';
import type { Context } from '../context';
import type { Lang } from '../format';
import type { Runner } from '../program';

const WORDS = {
  'pt-BR': {
    when: 'Quando',
    type: 'Tipo',
    title: 'Título',
    message: 'Mensagem',
    empty: 'Nenhuma notificação.',
    unread: (n: number) => (n === 1 ? '1 não lida' : `${n} não lidas`),
    read: (title: string) => `Lida: ${title}`,
    all: (n: number) =>
      n === 1 ? '1 notificação marcada como lida' : `${n} notificações marcadas como lidas`,
  },
  'en-US': {
    when: 'When',
    type: 'Type',
    title: 'Title',
    message: 'Message',
    empty: 'No notifications.',
    unread: (n: number) => `${n} unread`,
    read: (title: string) => `Read: ${title}`,
    all: (n: number) => (n === 1 ? '1 notification marked read' : `${n} notifications marked read`),
  },
} as const;

/** An instant in this terminal's time zone: `03/12/2026 08:00` / `12/03/2026, 08:00 AM`. */
function instant(lang: Lang, iso: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'short' })
    .format(new Date(iso))
    .replace(/\u202f|\u00a0/g, ' ');
}

function inboxTable(ctx: Context, items: readonly NotificationPartsFragment[], unread: number) {
  const w = WORDS[ctx.lang];
  if (items.length === 0) return w.empty;
  const table = ctx.table(
    ['', w.when, w.type, w.title, w.message],
    items.map((n) => [
      n.readAt ? '' : '•',
      instant(ctx.lang, n.createdAt),
      n.type,
      n.title,
      n.body,
    ]),
  );
  return `${table}\n${w.unread(unread)}`;
}

export function notificationCommands(program: Command, run: Runner): void {
  const notifications = program
    .command('notifications')
    .description('your inbox, newest first (• unread); `saldo notifications read` marks read')
    .option('--unread', 'only unread notifications')
    .option('--limit <n>', 'at most n notifications (500 at most)', '50')
    .action(
      run(async (ctx, o: { unread?: boolean; limit: string }) => {
        const [page, unread] = await Promise.all([
          ctx.client.notifications.list({ first: Number(o.limit), unreadOnly: !!o.unread }),
          ctx.client.notifications.unreadCount(),
        ]);
        const items = page.edges.map((e) => e.node);
        ctx.print(items, () => inboxTable(ctx, items, unread));
      }),
    );

  const markRead = run(async (ctx, id: string | undefined) => {
    if (id) {
      const read = await ctx.client.notifications.markRead({ id });
      ctx.print(read, () => WORDS[ctx.lang].read(read.title));
      return;
    }
    const marked = await ctx.client.notifications.markAllRead();
    ctx.print({ marked }, () => WORDS[ctx.lang].all(marked));
  });

  notifications
    .command('read')
    .description('mark one notification read, or all of them with --all')
    .argument('[id]', 'the notification id (from `saldo notifications --json`)')
    .option('--all', 'mark every notification read')
    .action(async (id: string | undefined, o: { all?: boolean }, command: Command) => {
      // Exactly one of <id> and --all: anything else is a usage error (exit code 2).
      if (!id === !o.all) command.error('error: give a notification id or --all (not both)');
      await markRead(o.all ? undefined : id, o, command);
    });
}
