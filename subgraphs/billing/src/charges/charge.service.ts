import {
  assertLocalDate,
  badInput,
  conflict,
  event,
  invalidState,
  isUuid,
  newId,
  notFound,
  paginate,
  positiveAmount,
  recordEvents,
  requestHash,
  requiredText,
  toMoney,
  type Clock,
  type ConnectionValue,
  type EntityManager,
} from '@saldo/kit';
import { buildBoleto, buildPixBrCode, isValidEmail, parseGovernmentId } from '../domain';
import type { Settings } from '../config';
import { batchRepository } from '../batches/batch.repository';
import { emailRequests } from './charge-emails';
import type { PdfLinkSigner } from '../links/pdf-link';
import { profileRepository, type ProfileRecord } from '../profiles/profile.repository';
import { bankOf, requireComplete, statusOf } from '../profiles/profile.service';
import {
  chargeRepository,
  type ChargeFilter,
  type ChargeRecord,
  type ChargeStatus,
} from './charge.repository';

export const CURRENCY = 'BRL';
const DAY_MS = 86_400_000;

export interface CreateChargeData {
  debtId: string;
  payer: { name: string; governmentId: string; email: string };
  amount: string;
  dueDate: string;
}

export interface PaymentData {
  chargeId: string;
  amount: string;
  date: string;
}

const CANCELLABLE: readonly ChargeStatus[] = ['PENDING', 'ISSUED', 'SENT', 'OVERDUE'];
const RESENDABLE: readonly ChargeStatus[] = ['ISSUED', 'SENT', 'OVERDUE', 'FAILED'];
const PAYABLE: readonly ChargeStatus[] = ['ISSUED', 'SENT', 'OVERDUE', 'FAILED'];

/** The validated input of one charge. */
function validate(input: CreateChargeData) {
  const debtId = input.debtId.trim();
  if (debtId === '' || debtId.length > 100) {
    throw badInput('debtId must be 1-100 characters', { field: 'debtId' });
  }
  const name = requiredText(input.payer.name, 'payer.name', 120);
  const id = parseGovernmentId(input.payer.governmentId);
  if (!id) {
    throw badInput('payer.governmentId must be a valid CPF or CNPJ', {
      field: 'payer.governmentId',
    });
  }
  const email = input.payer.email.trim();
  if (!isValidEmail(email)) throw badInput('payer.email is not an email', { field: 'payer.email' });
  const amount = positiveAmount(input.amount, CURRENCY, 'amount');
  const dueDate = assertLocalDate(input.dueDate, 'dueDate');
  return { debtId, name, governmentId: id.value, email, amount, dueDate };
}

/** A beneficiary's charges: issued at once (boleto + PIX), emailed through notifications. */
export class ChargeService {
  constructor(
    private readonly settings: Settings,
    private readonly links: PdfLinkSigner,
    private readonly clock: Clock,
  ) {}

  pdfUrl(chargeId: string): string {
    const expires = new Date(
      this.clock.now().getTime() + this.settings.BILLING_LINK_TTL_DAYS * DAY_MS,
    );
    return this.links.url(chargeId, expires);
  }

  async get(em: EntityManager, userId: string, id: string): Promise<ChargeRecord> {
    const charge = await chargeRepository.get(em, userId, id);
    if (!charge) throw notFound('Charge', id);
    return charge;
  }

  byIds(em: EntityManager, userId: string, ids: readonly string[]): Promise<ChargeRecord[]> {
    return chargeRepository.byIds(em, userId, ids);
  }

  page(
    em: EntityManager,
    userId: string,
    filter: ChargeFilter,
    args: { first?: number | null; after?: string | null },
  ): Promise<ConnectionValue<ChargeRecord>> {
    if (filter.dueFrom) assertLocalDate(filter.dueFrom, 'filter.dueFrom');
    if (filter.dueTo) assertLocalDate(filter.dueTo, 'filter.dueTo');
    if (filter.batchId && !isUuid(filter.batchId)) {
      throw badInput('filter.batchId is not an id', { field: 'filter.batchId' });
    }
    const search = filter.search?.trim() || null;
    return paginate(
      args,
      'charges:id',
      (c) => [c.id],
      (request) => chargeRepository.page(em, userId, { ...filter, search }, request),
    );
  }

  /** Issues one charge; `debtId` is the idempotency key (same input: the same charge). */
  async create(em: EntityManager, userId: string, input: CreateChargeData): Promise<ChargeRecord> {
    const v = validate(input);
    const hash = requestHash([v.name, v.governmentId, v.email, v.amount, v.dueDate]);
    return em.transactional(async (tx) => {
      const existing = await chargeRepository.byDebtId(tx, userId, v.debtId);
      if (existing) return replay(existing, hash);
      const profile = requireComplete(statusOf(await profileRepository.get(tx, userId)));
      const sequence = await profileRepository.allocateOurNumbers(tx, userId, 1);
      const id = newId();
      const boleto = buildBoleto(bankOf(profile), sequence, v.dueDate, v.amount);
      const pix = buildPixBrCode({
        key: profile.pixKey ?? '',
        amountCents: v.amount,
        txid: id.replace(/-/g, '').slice(0, 25),
        merchantName: profile.beneficiaryName ?? '',
        merchantCity: this.settings.BILLING_PIX_MERCHANT_CITY,
      });
      const charge = await chargeRepository.insert(tx, {
        id,
        userId,
        debtId: v.debtId,
        requestHash: hash,
        payerName: v.name,
        payerGovernmentId: v.governmentId,
        payerEmail: v.email,
        amount: v.amount,
        dueDate: v.dueDate,
        status: 'ISSUED',
        ourNumber: boleto.ourNumber,
        barcode: boleto.barcode,
        digitableLine: boleto.digitableLine,
        pixBrCode: pix,
      });
      if (!charge) {
        // Another request with the same debtId committed first (the number stays unused).
        const winner = await chargeRepository.byDebtId(tx, userId, v.debtId);
        if (!winner) throw new Error('charge insert conflicted but no charge found');
        return replay(winner, hash);
      }
      await this.requestEmail(tx, profile, charge);
      return charge;
    });
  }

  async cancel(em: EntityManager, userId: string, id: string): Promise<ChargeRecord> {
    return em.transactional(async (tx) => {
      const charge = await this.locked(tx, userId, id);
      if (!CANCELLABLE.includes(charge.status)) {
        throw invalidState(`A ${charge.status} charge cannot be cancelled`, {
          status: charge.status,
        });
      }
      return chargeRepository.setStatus(tx, id, `status = 'CANCELLED'`, []);
    });
  }

  /** Emails the charge again, as a new attempt (its own email). */
  async resend(em: EntityManager, userId: string, id: string): Promise<ChargeRecord> {
    return em.transactional(async (tx) => {
      const charge = await this.locked(tx, userId, id);
      if (!RESENDABLE.includes(charge.status)) {
        throw invalidState(`A ${charge.status} charge cannot be sent again`, {
          status: charge.status,
        });
      }
      const profile = requireComplete(statusOf(await profileRepository.get(tx, userId)));
      const next = await chargeRepository.setStatus(
        tx,
        id,
        `attempt = attempt + 1, failure_reason = null,
         status = case when status = 'FAILED' then 'ISSUED' else status end`,
        [],
      );
      if (charge.status === 'FAILED' && charge.batchId) {
        // No longer failed: the batch's count follows (an outcome will come for this attempt).
        await batchRepository.addDeliveries(tx, userId, charge.batchId, 0, -1);
      }
      await this.requestEmail(tx, profile, next);
      return next;
    });
  }

  /** Manual settlement: PAID, and the ledger is asked to book the income (once). */
  async registerPayment(em: EntityManager, userId: string, p: PaymentData): Promise<ChargeRecord> {
    const amount = positiveAmount(p.amount, CURRENCY, 'amount');
    const date = assertLocalDate(p.date, 'date');
    return em.transactional(async (tx) => {
      const charge = await this.locked(tx, userId, p.chargeId);
      if (charge.status === 'PAID') {
        throw conflict('This charge is already paid', { chargeId: charge.id });
      }
      if (!PAYABLE.includes(charge.status)) {
        throw invalidState(`A ${charge.status} charge cannot be paid`, { status: charge.status });
      }
      const profile = await profileRepository.get(tx, userId);
      const accountId = profile?.receivingAccountId;
      if (!accountId) {
        throw invalidState('Set receivingAccountId in your billing profile first', {
          reason: 'BILLING_PROFILE_INCOMPLETE',
          missing: 'receivingAccountId',
        });
      }
      const paidAt = this.clock.now();
      const paid = await chargeRepository.setStatus(
        tx,
        charge.id,
        `status = 'PAID', paid_amount = ?::bigint, paid_date = ?::date, paid_at = ?::timestamptz`,
        [amount, date, paidAt.toISOString()],
      );
      await recordEvents(tx, [
        event('billing.charge.paid', userId, {
          chargeId: paid.id,
          debtId: paid.debtId,
          accountId,
          amount: toMoney(amount, CURRENCY),
          date,
          description: `Charge ${paid.debtId} paid by ${paid.payerName}`,
          paidAt: paidAt.toISOString(),
        }),
      ]);
      return paid;
    });
  }

  private async locked(tx: EntityManager, userId: string, id: string): Promise<ChargeRecord> {
    const charge = await chargeRepository.get(tx, userId, id, true);
    if (!charge) throw notFound('Charge', id);
    return charge;
  }

  private async requestEmail(
    tx: EntityManager,
    profile: ProfileRecord,
    charge: ChargeRecord,
  ): Promise<void> {
    const locale = this.settings.BILLING_EMAIL_LOCALE;
    await recordEvents(
      tx,
      emailRequests(profile, [charge], locale, (id) => this.pdfUrl(id)),
    );
  }
}

function replay(existing: ChargeRecord, hash: string): ChargeRecord {
  if (existing.requestHash !== hash) {
    throw conflict('A charge with this debtId exists with different data', {
      field: 'debtId',
      debtId: existing.debtId,
    });
  }
  return existing;
}
