import { formatAmount, parseAmount, type HandlerContext, type HandlerMap } from '@saldo/kit';
import { NotificationType } from '../catalog/types';
import type { Notifier, NotifyRequest } from '../notifications/notifier';
import { eraseUser } from '../users/user-erasure';
import { profiles } from '../users/profiles';
import { PreferenceEntity } from '../preferences/preference.entity';
import { LOW_BALANCE_TYPES, watches } from './watches';

export interface TriggerDeps {
  notifier: Notifier;
  /** Wakes the delivery worker once the transaction has committed. */
  kick: () => void;
  passwordResetUrl: string;
}

/**
 * Every domain's events that concern a person, each handled once (the kit's inbox) and
 * turned into at most one notification per source (the inbox's dedup key).
 */
export function triggerHandlers(deps: TriggerDeps): HandlerMap {
  const notify = async (
    ctx: { em: Parameters<Notifier['notify']>[0]; afterCommit: (fn: () => void) => void },
    req: NotifyRequest,
  ) => {
    const result = await deps.notifier.notify(ctx.em, req);
    if (result.queued > 0) ctx.afterCommit(deps.kick);
  };
  const notifyMany = async (ctx: HandlerContext, reqs: NotifyRequest[]) => {
    const results = await deps.notifier.notifyMany(ctx.em, reqs);
    if (results.some((r) => r.queued > 0)) ctx.afterCommit(deps.kick);
  };
  return {
    'identity.user.registered': async (event, ctx) => {
      await profiles.upsert(ctx.em, event.data);
      await notify(ctx, {
        userId: event.data.userId,
        type: NotificationType.WELCOME,
        dedupKey: 'welcome',
        facts: { name: event.data.name },
        data: {},
      });
    },
    'identity.user.updated': async (event, { em }) => {
      await profiles.upsert(em, event.data);
    },
    'identity.user.deleted': async (event, { em, log }) => {
      await eraseUser(em, event.data.userId);
      log.info({ userId: event.data.userId }, 'user erased');
    },
    // Email only; the token goes into the mail's link and nowhere else (not the inbox, not logs).
    'identity.password_reset.requested': async (event, ctx) => {
      const link = deps.passwordResetUrl.replace('{token}', encodeURIComponent(event.data.token));
      const english = event.data.locale.toLowerCase().startsWith('en');
      await notify(ctx, {
        userId: event.data.userId,
        type: NotificationType.PASSWORD_RESET,
        dedupKey: `password-reset:${event.id}`,
        facts: { name: event.data.name },
        data: {},
        inbox: false,
        emailAction: { label: english ? 'Choose a new password' : 'Criar nova senha', url: link },
      });
    },
    'ledger.account.created': async (event, { em }) => {
      await watches.account(em, event.data.account);
    },
    'ledger.account.updated': async (event, { em }) => {
      await watches.account(em, event.data.account);
    },
    'ledger.entry.created': async (event, { em }) => watches.bill(em, event.data.entry),
    'ledger.entry.updated': async (event, { em }) => watches.bill(em, event.data.entry),
    'ledger.entry.deleted': async (event, { em }) => watches.bill(em, event.data.entry),
    'ledger.budget.exceeded': {
      batch: async (events, ctx) => {
        const reqs = events.map((event): NotifyRequest => {
          const d = event.data;
          return {
            userId: event.userId!,
            type: NotificationType.BUDGET_EXCEEDED,
            // Once per budget (category) and month, however often spending crosses it again.
            dedupKey: `budget:${d.categoryId}:${d.month}`,
            facts: { amount: d.spent, limit: d.limit, month: d.month, label: '' },
            data: { categoryId: d.categoryId, month: d.month, spent: d.spent, limit: d.limit },
          };
        });
        await notifyMany(ctx, reqs);
      },
    },
    'ledger.balance.changed': async (event, ctx) => {
      const userId = event.userId!;
      const d = event.data;
      const prefs = await ctx.em.findOne(
        PreferenceEntity,
        { userId },
        { fields: ['lowBalanceThreshold'] },
      );
      const account = await watches.accountOf(ctx.em, userId, d.accountId);
      if (!account) return;
      const balance = parseAmount(d.balance.amount, d.balance.currency);
      await watches.balance(ctx.em, userId, d.accountId, balance);
      if (!prefs?.lowBalanceThreshold || !LOW_BALANCE_TYPES.has(account.type)) return;
      const threshold = parseAmount(prefs.lowBalanceThreshold, d.balance.currency);
      if (balance >= threshold) return watches.recovered(ctx.em, d.accountId);
      if (!(await watches.lowBalance(ctx.em, userId, d.accountId))) return;
      await notify(ctx, {
        userId,
        type: NotificationType.LOW_BALANCE,
        dedupKey: `low-balance:${event.id}`,
        facts: {
          label: account.name,
          amount: d.balance,
          limit: { amount: prefs.lowBalanceThreshold, currency: d.balance.currency },
        },
        data: { accountId: d.accountId, balance: d.balance },
      });
    },
    // A monthly report the user asked for (in-app and push by default; see defaultChoice).
    'ai.report.ready': async (event, ctx) => {
      const d = event.data;
      await notify(ctx, {
        userId: event.userId!,
        type: NotificationType.REPORT_READY,
        dedupKey: `report:${d.reportId}`,
        facts: { month: d.month, amount: d.net, count: d.alerts },
        data: { reportId: d.reportId, month: d.month, net: d.net },
      });
    },
    // Only the end of a job; the file's name says which one (older events lack it).
    'import.job.updated': async (event, ctx) => {
      const d = event.data;
      if (d.status !== 'COMPLETED' && d.status !== 'FAILED') return;
      const completed = d.status === 'COMPLETED';
      await notify(ctx, {
        userId: event.userId!,
        type: completed ? NotificationType.IMPORT_COMPLETED : NotificationType.IMPORT_FAILED,
        dedupKey: `import:${d.jobId}`,
        facts: {
          label: d.filename ?? '',
          count: d.totals.imported,
          duplicates: d.totals.duplicates,
          line: d.failure?.line ?? 0,
          reason: d.failure?.message ?? '',
        },
        data: { jobId: d.jobId, status: d.status, totals: d.totals },
      });
    },
    'cards.card.created': async (event, { em }) => {
      const c = event.data.card;
      await watches.card(em, { id: c.id, userId: event.userId!, name: c.name, version: c.version });
    },
    'cards.card.updated': async (event, { em }) => {
      const c = event.data.card;
      await watches.card(em, { id: c.id, userId: event.userId!, name: c.name, version: c.version });
    },
    'cards.invoice.closed': {
      batch: async (events, ctx) => {
        const names = await watches.cardNames(
          ctx.em,
          events.map((e) => e.data.cardId),
        );
        const reqs = events.map((event): NotifyRequest => {
          const d = event.data;
          return {
            userId: event.userId!,
            type: NotificationType.INVOICE_CLOSED,
            dedupKey: `invoice-closed:${d.invoiceId}`,
            facts: {
              label: cardName(names, event.userId!, d.cardId),
              amount: d.total,
              month: d.month,
              date: d.dueDate,
            },
            data: {
              invoiceId: d.invoiceId,
              cardId: d.cardId,
              month: d.month,
              total: d.total,
              dueDate: d.dueDate,
            },
          };
        });
        await notifyMany(ctx, reqs);
      },
    },
    'cards.invoice.due_soon': {
      batch: async (events, ctx) => {
        const names = await watches.cardNames(
          ctx.em,
          events.map((e) => e.data.cardId),
        );
        const reqs = events.map((event): NotifyRequest => {
          const d = event.data;
          const left =
            parseAmount(d.total.amount, d.total.currency) -
            parseAmount(d.paidAmount.amount, d.paidAmount.currency);
          const remaining = {
            amount: formatAmount(left, d.total.currency),
            currency: d.total.currency,
          };
          return {
            userId: event.userId!,
            type: NotificationType.INVOICE_DUE_SOON,
            dedupKey: `invoice-due:${d.invoiceId}:${d.dueDate}`,
            facts: {
              label: cardName(names, event.userId!, d.cardId),
              amount: remaining,
              month: d.month,
              date: d.dueDate,
              days: d.daysLeft,
            },
            data: {
              invoiceId: d.invoiceId,
              cardId: d.cardId,
              month: d.month,
              remaining,
              dueDate: d.dueDate,
            },
          };
        });
        await notifyMany(ctx, reqs);
      },
    },
  };
}

/** A card's name, only when the card is the event user's own. */
function cardName(
  names: Map<string, { userId: string; name: string }>,
  userId: string,
  cardId: string,
) {
  const card = names.get(cardId);
  return card && card.userId === userId ? card.name : '';
}
