import { query, queryOne, type EntityManager, type PageRequest } from '@saldo/kit';

export type ChargeStatus =
  'PENDING' | 'ISSUED' | 'SENT' | 'PAID' | 'OVERDUE' | 'CANCELLED' | 'FAILED';

export interface ChargeRecord {
  id: string;
  userId: string;
  debtId: string;
  requestHash: string;
  payerName: string;
  payerGovernmentId: string;
  payerEmail: string;
  amount: bigint;
  currency: string;
  dueDate: string;
  status: ChargeStatus;
  ourNumber: string | null;
  barcode: string | null;
  digitableLine: string | null;
  pixBrCode: string | null;
  attempt: number;
  sentAt: Date | null;
  paidAt: Date | null;
  paidAmount: bigint | null;
  paidDate: string | null;
  failureReason: string | null;
  ledgerEntryId: string | null;
  ledgerRejection: string | null;
  batchId: string | null;
  line: number | null;
  createdAt: Date;
}

interface ChargeRow {
  id: string;
  user_id: string;
  debt_id: string;
  request_hash: string;
  payer_name: string;
  payer_government_id: string;
  payer_email: string;
  amount: string;
  currency: string;
  due_date: string;
  status: ChargeStatus;
  our_number: string | null;
  barcode: string | null;
  digitable_line: string | null;
  pix_br_code: string | null;
  attempt: number;
  sent_at: string | Date | null;
  paid_at: string | Date | null;
  paid_amount: string | null;
  paid_date: string | null;
  failure_reason: string | null;
  ledger_entry_id: string | null;
  ledger_rejection: string | null;
  batch_id: string | null;
  line: number | null;
  created_at: string | Date;
}

export const CHARGE_COLUMNS = `id, user_id, debt_id, request_hash, payer_name, payer_government_id,
  payer_email, amount, currency, due_date::text as due_date, status, our_number, barcode,
  digitable_line, pix_br_code, attempt, sent_at, paid_at, paid_amount, paid_date::text as paid_date,
  failure_reason, ledger_entry_id, ledger_rejection, batch_id, line, created_at`;

const date = (v: string | Date | null) => (v === null ? null : new Date(v));

export function toCharge(r: ChargeRow): ChargeRecord {
  return {
    id: r.id,
    userId: r.user_id,
    debtId: r.debt_id,
    requestHash: r.request_hash,
    payerName: r.payer_name,
    payerGovernmentId: r.payer_government_id,
    payerEmail: r.payer_email,
    amount: BigInt(r.amount),
    currency: r.currency,
    dueDate: r.due_date,
    status: r.status,
    ourNumber: r.our_number,
    barcode: r.barcode,
    digitableLine: r.digitable_line,
    pixBrCode: r.pix_br_code,
    attempt: r.attempt,
    sentAt: date(r.sent_at),
    paidAt: date(r.paid_at),
    paidAmount: r.paid_amount === null ? null : BigInt(r.paid_amount),
    paidDate: r.paid_date,
    failureReason: r.failure_reason,
    ledgerEntryId: r.ledger_entry_id,
    ledgerRejection: r.ledger_rejection,
    batchId: r.batch_id,
    line: r.line,
    createdAt: new Date(r.created_at),
  };
}

export interface NewCharge {
  id: string;
  userId: string;
  debtId: string;
  requestHash: string;
  payerName: string;
  payerGovernmentId: string;
  payerEmail: string;
  amount: bigint;
  dueDate: string;
  status: ChargeStatus;
  ourNumber: string;
  barcode: string;
  digitableLine: string;
  pixBrCode: string;
}

export interface ChargeFilter {
  status?: ChargeStatus | null;
  dueFrom?: string | null;
  dueTo?: string | null;
  search?: string | null;
  batchId?: string | null;
}

/** A charge of a batch: also its batch and file line. */
export interface NewBatchCharge extends NewCharge {
  batchId: string;
  line: number;
}

const ISSUED_COLUMNS = `id, user_id, debt_id, request_hash, payer_name, payer_government_id,
  payer_email, amount, due_date, status, our_number, barcode, digitable_line, pix_br_code,
  batch_id, line`;

/** SQL for charges; every statement is scoped by the beneficiary's user id. */
export const chargeRepository = {
  /** Inserts unless the beneficiary already has that debtId; null then. */
  async insert(em: EntityManager, c: NewCharge): Promise<ChargeRecord | null> {
    const row = await queryOne<ChargeRow>(
      em,
      `insert into charges (id, user_id, debt_id, request_hash, payer_name, payer_government_id,
         payer_email, amount, due_date, status, our_number, barcode, digitable_line, pix_br_code)
       values (?::uuid, ?::uuid, ?, ?, ?, ?, ?, ?::bigint, ?::date, ?, ?, ?, ?, ?)
       on conflict (user_id, debt_id) do nothing
       returning ${CHARGE_COLUMNS}`,
      [
        c.id,
        c.userId,
        c.debtId,
        c.requestHash,
        c.payerName,
        c.payerGovernmentId,
        c.payerEmail,
        c.amount,
        c.dueDate,
        c.status,
        c.ourNumber,
        c.barcode,
        c.digitableLine,
        c.pixBrCode,
      ],
    );
    return row ? toCharge(row) : null;
  },

  /**
   * Inserts a batch's charges in one statement, skipping every debtId the beneficiary
   * already has (from any batch, or an earlier line of this one); the ones inserted.
   * Rows go in by debtId, so concurrent chunks lock the unique keys in one order.
   */
  async insertMany(em: EntityManager, cs: readonly NewBatchCharge[]): Promise<ChargeRecord[]> {
    if (cs.length === 0) return [];
    const col = <K extends keyof NewBatchCharge>(k: K) => cs.map((c) => c[k]);
    const rows = await query<ChargeRow>(
      em,
      `insert into charges (${ISSUED_COLUMNS})
       select t.id, t.user_id, t.debt_id, t.request_hash, t.payer_name, t.payer_government_id,
              t.payer_email, t.amount, t.due_date, t.status, t.our_number, t.barcode,
              t.digitable_line, t.pix_br_code, t.batch_id, t.line
         from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                     ?::bigint[], ?::date[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                     ?::uuid[], ?::int[])
           as t(id, user_id, debt_id, request_hash, payer_name, payer_government_id, payer_email,
                amount, due_date, status, our_number, barcode, digitable_line, pix_br_code,
                batch_id, line)
        order by t.debt_id, t.line
       on conflict (user_id, debt_id) do nothing
       returning ${CHARGE_COLUMNS}`,
      [
        col('id'),
        col('userId'),
        col('debtId'),
        col('requestHash'),
        col('payerName'),
        col('payerGovernmentId'),
        col('payerEmail'),
        cs.map((c) => c.amount.toString()),
        col('dueDate'),
        col('status'),
        col('ourNumber'),
        col('barcode'),
        col('digitableLine'),
        col('pixBrCode'),
        col('batchId'),
        col('line'),
      ],
    );
    return rows.map(toCharge);
  },

  async byDebtId(em: EntityManager, userId: string, debtId: string): Promise<ChargeRecord | null> {
    const row = await queryOne<ChargeRow>(
      em,
      `select ${CHARGE_COLUMNS} from charges where user_id = ?::uuid and debt_id = ?`,
      [userId, debtId],
    );
    return row ? toCharge(row) : null;
  },

  async get(
    em: EntityManager,
    userId: string,
    id: string,
    forUpdate = false,
  ): Promise<ChargeRecord | null> {
    const row = await queryOne<ChargeRow>(
      em,
      `select ${CHARGE_COLUMNS} from charges where id = ?::uuid and user_id = ?::uuid
       ${forUpdate ? 'for update' : ''}`,
      [id, userId],
    );
    return row ? toCharge(row) : null;
  },

  /** By id alone: only for a request that proved its right to it (a signed PDF link). */
  async anyById(em: EntityManager, id: string): Promise<ChargeRecord | null> {
    const row = await queryOne<ChargeRow>(
      em,
      `select ${CHARGE_COLUMNS} from charges where id = ?::uuid`,
      [id],
    );
    return row ? toCharge(row) : null;
  },

  async byIds(em: EntityManager, userId: string, ids: readonly string[]): Promise<ChargeRecord[]> {
    const rows = await query<ChargeRow>(
      em,
      `select ${CHARGE_COLUMNS} from charges where user_id = ?::uuid and id = any(?::uuid[])`,
      [userId, ids],
    );
    return rows.map(toCharge);
  },

  /** Newest first: ids are UUIDv7, so id order is creation order; keyset on id. */
  async page(
    em: EntityManager,
    userId: string,
    f: ChargeFilter,
    request: PageRequest,
  ): Promise<ChargeRecord[]> {
    const where = ['user_id = ?::uuid'];
    const params: (string | number | null)[] = [userId];
    if (f.status) {
      where.push('status = ?');
      params.push(f.status);
    }
    if (f.dueFrom) {
      where.push('due_date >= ?::date');
      params.push(f.dueFrom);
    }
    if (f.dueTo) {
      where.push('due_date <= ?::date');
      params.push(f.dueTo);
    }
    if (f.batchId) {
      where.push('batch_id = ?::uuid');
      params.push(f.batchId);
    }
    if (f.search) {
      where.push(
        `(payer_name ilike ? or payer_email ilike ? or debt_id ilike ? or payer_government_id = ?)`,
      );
      const pattern = `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      params.push(pattern, pattern, pattern, f.search.replace(/[.\-/\s]/g, ''));
    }
    if (request.after) {
      where.push('id < ?::uuid');
      params.push(String(request.after[0]));
    }
    params.push(request.limit);
    const rows = await query<ChargeRow>(
      em,
      `select ${CHARGE_COLUMNS} from charges where ${where.join(' and ')}
       order by id desc limit ?`,
      params,
    );
    return rows.map(toCharge);
  },

  async setStatus(
    em: EntityManager,
    id: string,
    set: string,
    params: readonly (string | number | bigint | null)[],
  ): Promise<ChargeRecord> {
    const row = await queryOne<ChargeRow>(
      em,
      `update charges set ${set}, updated_at = now() where id = ?::uuid returning ${CHARGE_COLUMNS}`,
      [...params, id],
    );
    if (!row) throw new Error('charge vanished');
    return toCharge(row);
  },
};
