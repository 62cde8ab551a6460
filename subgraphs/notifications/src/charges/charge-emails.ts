import {
  event,
  query,
  recordEvents,
  type HandlerMap,
  type Logger,
  type Orm,
  type Clock,
} from '@saldo/kit';
import type { EventData } from '@saldo/events';
import { Channel, DeliveryStatus } from '../catalog/types';
import { formatDate, formatMoney, languageOf, type Language } from '../catalog/format';
import { deliveryRepository, type NewDelivery } from '../delivery/delivery.repository';
import { renderEmail } from '../email/templates';

type Requested = EventData<'billing.charge_emails.requested'>;
type ChargeEmail = Requested['charges'][number];

/** The delivery type of a payer's charge email (not an inbox notification type). */
export const CHARGE_EMAIL_TYPE = 'CHARGE_ISSUED';

/** "00190.00009 01234.567890 ..." : the digitable line in its printed groups. */
export function groupDigitableLine(line: string): string {
  const f = (a: number, b: number) => line.slice(a, b);
  return `${f(0, 5)}.${f(5, 10)} ${f(10, 15)}.${f(15, 21)} ${f(21, 26)}.${f(26, 32)} ${f(32, 33)} ${f(33, 47)}`;
}

const TEXTS: Record<
  Language,
  (
    c: ChargeEmail,
    r: Requested,
  ) => { title: string; body: string; label: string; line: string; pix: string }
> = {
  'pt-BR': (c, r) => ({
    title: `Boleto de ${r.beneficiaryName}: ${formatMoney(c.amount, 'pt-BR')}, vence em ${formatDate(c.dueDate, 'pt-BR')}`,
    body:
      `Olá, ${c.payerName}. ${r.senderName} enviou a cobrança ${c.debtId} de ` +
      `${formatMoney(c.amount, 'pt-BR')}, com vencimento em ${formatDate(c.dueDate, 'pt-BR')}. ` +
      `Pague pelo código de barras do boleto${c.pixBrCode ? ' ou por PIX' : ''}.`,
    label: 'Baixar o boleto (PDF)',
    line: 'Linha digitável',
    pix: 'PIX copia e cola',
  }),
  en: (c, r) => ({
    title: `Payment slip from ${r.beneficiaryName}: ${formatMoney(c.amount, 'en')}, due ${formatDate(c.dueDate, 'en')}`,
    body:
      `Hi ${c.payerName}. ${r.senderName} sent you charge ${c.debtId} of ` +
      `${formatMoney(c.amount, 'en')}, due on ${formatDate(c.dueDate, 'en')}. ` +
      `Pay with the boleto's barcode${c.pixBrCode ? ' or by PIX' : ''}.`,
    label: 'Download the boleto (PDF)',
    line: 'Boleto line',
    pix: 'PIX copy and paste',
  }),
};

/** One queued email per charge of the request, to the payer's address (the row's). */
export function chargeDeliveries(userId: string, req: Requested, now: Date): NewDelivery[] {
  const language = languageOf(req.locale);
  return req.charges.map((c) => {
    const t = TEXTS[language](c, req);
    const mail = renderEmail({
      title: t.title,
      body: t.body,
      language,
      action: { label: t.label, url: c.pdfUrl },
      details: [
        { label: t.line, value: groupDigitableLine(c.digitableLine) },
        ...(c.pixBrCode ? [{ label: t.pix, value: c.pixBrCode }] : []),
      ],
      // A payer is not a Saldo user: there is no subscription to leave, the beneficiary sends.
      unsubscribeUrl: null,
    });
    return {
      userId,
      notificationId: null,
      type: CHARGE_EMAIL_TYPE,
      channel: Channel.EMAIL,
      target: c.payerEmail,
      status: DeliveryStatus.QUEUED,
      payload: { to: c.payerEmail, ...mail, unsubscribeUrl: null },
      nextAttemptAt: now,
      ref: { chargeId: c.chargeId, attempt: c.attempt },
    };
  });
}

/**
 * Billing's requests: each charge becomes one email delivery in the request's transaction
 * (the inbox makes a redelivered request change nothing; a resend carries a new attempt).
 */
export function chargeEmailHandlers(deps: { kick: () => void; clock: Clock }): HandlerMap {
  return {
    'billing.charge_emails.requested': async (e, { em, afterCommit }) => {
      if (!e.userId) throw new Error('billing.charge_emails.requested without a user');
      await deliveryRepository.insertMany(em, chargeDeliveries(e.userId, e.data, deps.clock.now()));
      afterCommit(deps.kick);
    },
  };
}

interface Unreported extends Record<string, unknown> {
  id: string;
  user_id: string;
  ref: { chargeId: string; attempt: number };
  status: 'SENT' | 'FAILED';
  last_error: string | null;
  sent_at: Date | null;
}

/**
 * Reports final charge-email outcomes back to billing: one `notifications.charge_emails.delivered`
 * per beneficiary for up to 1,000 outcomes, written to the outbox in the same transaction
 * that marks them reported (a crash reports them later, never twice, never not at all).
 */
export class ChargeOutcomeReporter {
  constructor(
    private readonly orm: Orm,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** One round; returns how many outcomes it reported. */
  async runOnce(limit = 1000): Promise<number> {
    return this.orm.em.fork().transactional(async (em) => {
      const rows = await query<Unreported>(
        em,
        `select id, user_id, ref, status, last_error, sent_at from deliveries
          where ref is not null and reported_at is null and status in ('SENT', 'FAILED')
          order by created_at limit ? for update skip locked`,
        [limit],
      );
      if (rows.length === 0) return 0;
      const now = this.clock.now();
      const byUser = new Map<string, Unreported[]>();
      for (const r of rows) {
        const list = byUser.get(r.user_id);
        if (list) list.push(r);
        else byUser.set(r.user_id, [r]);
      }
      await recordEvents(
        em,
        [...byUser].map(([userId, list]) =>
          event('notifications.charge_emails.delivered', userId, {
            results: list.map((r) => ({
              chargeId: r.ref.chargeId,
              attempt: r.ref.attempt,
              outcome: r.status,
              reason: r.status === 'FAILED' ? (r.last_error ?? 'not delivered') : null,
              at: (r.sent_at ? new Date(r.sent_at) : now).toISOString(),
            })),
          }),
        ),
      );
      await query(em, 'update deliveries set reported_at = ? where id = any(?::uuid[])', [
        now,
        rows.map((r) => r.id),
      ]);
      this.log.debug({ outcomes: rows.length }, 'charge email outcomes reported');
      return rows.length;
    });
  }
}
