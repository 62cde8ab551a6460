import { createHash } from 'node:crypto';
import type { EventData } from '@saldo/events';
import {
  badInput,
  DomainError,
  event,
  invalidState,
  formatAmount,
  monthOf,
  newId,
  parseAmount,
  query,
  queryOne,
  recordEvents,
  type EntityManager,
  type HandlerMap,
  type Logger,
} from '@saldo/kit';
import type { CardRecord } from '../cards/card.model';
import { cardRepository } from '../cards/card.repository';
import { addMonthsToMonth } from '../invoices/invoice-cycle';
import { invoiceRepository } from '../invoices/invoice.repository';
import type { PaymentService } from '../payments/payment.service';
import type { PurchaseService } from '../purchases/purchase.service';
import type { RefundService } from '../purchases/refund.service';
import { timeZones } from '../users/time-zones';

type Chunk = EventData<'import.card_rows.confirmed'>;
type Row = Chunk['rows'][number];
type Outcome = 'created' | 'existing';

interface Recorded {
  rowKey: string;
  movement: Row['movement'];
  purchaseId?: string | null;
  paymentId?: string | null;
  series?: Series | null;
}

interface Series {
  id: string;
  key: string;
  number: number;
  count: number;
  amount: bigint;
  originMonth: string;
}

/** A description without its installment marker, accents, punctuation or case. */
export function seriesKeyOf(description: string): string {
  return description
    .replace(/\bparc(?:ela)?s?\.?\s*\d{1,3}\s*(?:\/|de)\s*\d{1,3}\b/gi, ' ')
    .replace(/(?:^|[\s\-*])\d{1,2}\s?\/\s?\d{1,2}\s*$/, ' ')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// Words a refund line adds around the purchase's own description.
const REFUND_WORDS = /\b(estorno|reembolso|devolucao|refund|chargeback|credito|de|do|da)\b/g;

/**
 * A card statement's confirmed rows, recorded on the card: purchases (an `n/N` line joins
 * or starts its installment series), refunds on the purchase they reverse, bill payments
 * on the invoice they pay. Each row once per user (its key), whatever is redelivered or
 * imported again; a row the card cannot take is refused with why, the others still count.
 */
export class StatementImportService {
  constructor(
    private readonly purchases: PurchaseService,
    private readonly refunds: RefundService,
    private readonly payments: PaymentService,
  ) {}

  async apply(
    em: EntityManager,
    userId: string,
    chunk: Chunk,
    log: Logger,
  ): Promise<EventData<'cards.import_chunk.applied'>> {
    const answer = { jobId: chunk.jobId, chunk: chunk.chunk, created: 0, existing: 0 };
    const rejected: { rowId: string; reason: string }[] = [];
    const card = await cardRepository.byId(em, userId, chunk.cardId);
    if (!card) {
      const reason = 'The card is not there (deleted, or not yours)';
      return { ...answer, rejected: chunk.rows.map((r) => ({ rowId: r.rowId, reason })) };
    }
    const timeZone = await timeZones.of(em, userId);
    // Oldest first: a refund finds its purchase, a payment the invoice it pays.
    const rows = [...chunk.rows].sort((a, b) =>
      a.date === b.date ? a.line - b.line : a.date < b.date ? -1 : 1,
    );
    for (const row of rows) {
      try {
        const outcome = await em.transactional((tx) =>
          this.applyRow(tx, card, chunk.jobId, row, timeZone),
        );
        answer[outcome] += 1;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        rejected.push({ rowId: row.rowId, reason: error.message });
      }
    }
    log.info({ ...answer, rejected: rejected.length }, 'card statement chunk recorded');
    return { ...answer, rejected };
  }

  private async applyRow(
    tx: EntityManager,
    card: CardRecord,
    jobId: string,
    row: Row,
    timeZone: string,
  ): Promise<Outcome> {
    const rowKey = `${card.id}:${row.externalId}`;
    const seen = await queryOne<{ row_key: string }>(
      tx,
      'select row_key from card_statement_rows where user_id = ?::uuid and row_key = ? for update',
      [card.userId, rowKey],
    );
    if (seen) return 'existing';
    // A purchase's or refund's own idempotency key: short, and the same for the same row.
    const key = `import:${createHash('sha256').update(rowKey).digest('base64url').slice(0, 32)}`;
    const amount = parseAmount(row.amount.amount, card.currency);
    if (row.amount.currency !== card.currency) {
      throw badInput(`The row is in ${row.amount.currency}; the card is in ${card.currency}`);
    }
    let recorded: Recorded;
    if (row.movement === 'PURCHASE') {
      recorded = row.installment
        ? await this.installment(tx, card, jobId, row, amount, key, timeZone)
        : {
            rowKey,
            movement: row.movement,
            purchaseId: (
              await this.purchase(tx, card, row, amount, 1, row.description, key, timeZone)
            ).id,
          };
      recorded.rowKey = rowKey;
    } else if (row.movement === 'REFUND') {
      recorded = {
        rowKey,
        movement: row.movement,
        purchaseId: await this.refund(tx, card, row, amount, key, timeZone),
      };
    } else {
      recorded = {
        rowKey,
        movement: row.movement,
        paymentId: await this.payment(tx, card, row, key, timeZone),
      };
    }
    await this.record(tx, card, jobId, row, recorded);
    return recorded.purchaseId === null && recorded.series ? 'existing' : 'created';
  }

  private purchase(
    tx: EntityManager,
    card: CardRecord,
    row: Row,
    total: bigint,
    installmentCount: number,
    description: string,
    key: string,
    timeZone: string,
  ) {
    return this.purchases.create(
      tx,
      card.userId,
      {
        cardId: card.id,
        description,
        categoryId: row.categoryId,
        totalAmount: formatAmount(total, card.currency),
        purchaseDate: row.date,
        installmentCount,
        idempotencyKey: key,
      },
      timeZone,
      true,
    );
  }

  /**
   * `n/N` of `amount`: joins the series an earlier statement started (same description,
   * count and amount to the cent, the same first month), or starts one with what is left
   * (installments n..N). A series joins at most one row per statement: two equal
   * purchases on one statement are two series.
   */
  private async installment(
    tx: EntityManager,
    card: CardRecord,
    jobId: string,
    row: Row,
    amount: bigint,
    key: string,
    timeZone: string,
  ): Promise<Recorded> {
    const { number, count } = row.installment!;
    const seriesKey = seriesKeyOf(row.description);
    const originMonth = addMonthsToMonth(monthOf(row.date), -(number - 1));
    const known = await queryOne<{ series_id: string; first: number; origin_month: string }>(
      tx,
      `select series_id, min(installment_number) as first, min(origin_month) as origin_month
         from card_statement_rows
        where card_id = ?::uuid and series_key = ? and installment_count = ?
          and abs(installment_amount - ?::bigint) <= 1
          and (origin_month between ? and ? or (row_date = ?::date and installment_number <> ?))
        group by series_id
       having not bool_or(job_id = ?::uuid) and not bool_or(installment_number = ?)
        order by min(created_at)
        limit 1`,
      [
        card.id,
        seriesKey,
        count,
        amount.toString(),
        addMonthsToMonth(originMonth, -1),
        addMonthsToMonth(originMonth, 1),
        row.date,
        number,
        jobId,
        number,
      ],
    );
    const series: Series = {
      id: known?.series_id ?? newId(),
      key: seriesKey,
      number,
      count,
      amount,
      originMonth: known?.origin_month ?? originMonth,
    };
    const base = { rowKey: '', movement: row.movement, series };
    if (known && number > known.first) return { ...base, purchaseId: null };
    // New, or an older statement than the one that started the series: the installments
    // from this one up to where the series began (or to the end).
    const upTo = known ? known.first - 1 : count;
    const left = upTo - number + 1;
    const purchase = await this.purchase(
      tx,
      card,
      row,
      amount * BigInt(left),
      left,
      row.description,
      key,
      timeZone,
    );
    return { ...base, purchaseId: purchase.id };
  }

  /** The newest purchase the refund line names, with enough left to refund. */
  private async refund(
    tx: EntityManager,
    card: CardRecord,
    row: Row,
    amount: bigint,
    key: string,
    timeZone: string,
  ): Promise<string> {
    const wanted = seriesKeyOf(row.description)
      .replace(REFUND_WORDS, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    const candidates = await query<{ id: string; description: string; left: string }>(
      tx,
      `select p.id, p.description,
              p.total_amount + coalesce((select sum(a.amount) from invoice_adjustments a
                                   where a.purchase_id = p.id and a.kind = 'REFUND'), 0) as left
         from purchases p
        where p.card_id = ?::uuid and p.deleted_at is null and p.purchase_date <= ?::date
        order by p.purchase_date desc, p.created_at desc
        limit 500`,
      [card.id, row.date],
    );
    const match = candidates.find((c) => {
      const name = seriesKeyOf(c.description);
      return (
        BigInt(c.left) >= amount &&
        wanted.length >= 3 &&
        name.length >= 3 &&
        (wanted.includes(name) || name.includes(wanted))
      );
    });
    if (!match) {
      throw invalidState(
        `No purchase on this card matches the refund "${row.description}" of ${row.amount.amount}; refund it from its purchase`,
      );
    }
    await this.refunds.refund(tx, card.userId, match.id, row.amount.amount, key, timeZone);
    return match.id;
  }

  /** Pays the newest invoice closed before the payment's date. */
  private async payment(
    tx: EntityManager,
    card: CardRecord,
    row: Row,
    key: string,
    timeZone: string,
  ): Promise<string> {
    if (!card.paymentAccountId) {
      throw invalidState("Set the card's payment account to record its bill payments");
    }
    const invoice = await queryOne<{ id: string }>(
      tx,
      `select id from invoices where card_id = ?::uuid and closing_date < ?::date
        order by closing_date desc limit 1`,
      [card.id, row.date],
    );
    const found = invoice ? await invoiceRepository.byId(tx, card.userId, invoice.id) : null;
    if (!found || found.total - found.paid - found.pending <= 0n) {
      throw invalidState(
        `No invoice of this card closed before ${row.date} has anything left to pay`,
      );
    }
    const payment = await this.payments.pay(
      tx,
      card.userId,
      { invoiceId: found.id, amount: row.amount.amount, date: row.date, idempotencyKey: key },
      timeZone,
    );
    return payment.id;
  }

  private async record(
    tx: EntityManager,
    card: CardRecord,
    jobId: string,
    row: Row,
    r: Recorded,
  ): Promise<void> {
    const s = r.series ?? null;
    await query(
      tx,
      `insert into card_statement_rows (user_id, row_key, card_id, job_id, movement, row_date,
         purchase_id, payment_id, series_id, series_key, installment_number, installment_count,
         installment_amount, origin_month)
       values (?::uuid, ?, ?::uuid, ?::uuid, ?, ?::date, ?::uuid, ?::uuid, ?::uuid, ?, ?, ?, ?::bigint, ?)`,
      [
        card.userId,
        r.rowKey,
        card.id,
        jobId,
        r.movement,
        row.date,
        r.purchaseId ?? null,
        r.paymentId ?? null,
        s?.id ?? null,
        s?.key ?? null,
        s?.number ?? null,
        s?.count ?? null,
        s ? s.amount.toString() : null,
        s?.originMonth ?? null,
      ],
    );
  }
}

/** Cards' side of a card statement import: each chunk answered once (the kit's inbox). */
export function statementImportHandlers(statements: StatementImportService): HandlerMap {
  return {
    'import.card_rows.confirmed': async (evt, { em, log }) => {
      if (!evt.userId) throw new Error('import.card_rows.confirmed without a user');
      const answer = await statements.apply(em, evt.userId, evt.data, log);
      await recordEvents(em, [event('cards.import_chunk.applied', evt.userId, answer)]);
    },
  };
}
