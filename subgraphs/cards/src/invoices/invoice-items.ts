import type { EntityManager } from '@saldo/kit';
import { query } from '@saldo/kit';

export enum InvoiceItemKind {
  INSTALLMENT = 'INSTALLMENT',
  REFUND = 'REFUND',
  CREDIT_IN = 'CREDIT_IN',
  CREDIT_OUT = 'CREDIT_OUT',
}

/** One line of an invoice; charges positive, credits negative. */
export interface InvoiceItemRecord {
  id: string;
  invoiceId: string;
  kind: InvoiceItemKind;
  description: string;
  date: string;
  amount: bigint;
  purchaseId: string | null;
  installmentNumber: number | null;
  installmentCount: number | null;
}

interface ItemRow extends Record<string, unknown> {
  id: string;
  invoice_id: string;
  kind: InvoiceItemKind;
  description: string;
  date: string;
  amount: string;
  purchase_id: string | null;
  number: number | null;
  installment_count: number | null;
}

/** The items of several invoices (installments of live purchases, refunds, carried credit). */
export async function itemsOf(
  em: EntityManager,
  invoiceIds: readonly string[],
): Promise<InvoiceItemRecord[]> {
  if (invoiceIds.length === 0) return [];
  const rows = await query<ItemRow>(
    em,
    `select x.id, x.invoice_id, 'INSTALLMENT' as kind, p.description, p.purchase_date as date,
            x.amount, p.id as purchase_id, x.number, p.installment_count
       from installments x join purchases p on p.id = x.purchase_id
      where x.invoice_id = any(array[?]::uuid[]) and x.cancelled_at is null
     union all
     select a.id, a.invoice_id, a.kind, a.description, a.date, a.amount, a.purchase_id, null, null
       from invoice_adjustments a where a.invoice_id = any(array[?]::uuid[])
     order by date, id`,
    [invoiceIds, invoiceIds],
  );
  return rows.map((r) => ({
    id: r.id,
    invoiceId: r.invoice_id,
    kind: r.kind,
    description: r.description,
    date: r.date,
    amount: BigInt(r.amount),
    purchaseId: r.purchase_id,
    installmentNumber: r.number,
    installmentCount: r.installment_count,
  }));
}
