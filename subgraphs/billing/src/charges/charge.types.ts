import { DateTimeScalar, DecimalScalar, LocalDateScalar, Money, connectionType } from '@saldo/kit';
import { Directive, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import type { ChargeRecord } from './charge.repository';

export enum ChargeStatus {
  PENDING = 'PENDING',
  ISSUED = 'ISSUED',
  SENT = 'SENT',
  PAID = 'PAID',
  OVERDUE = 'OVERDUE',
  CANCELLED = 'CANCELLED',
  FAILED = 'FAILED',
}
registerEnumType(ChargeStatus, { name: 'ChargeStatus' });

@ObjectType('ChargePayer', { description: 'Who pays: from the charge, not a Saldo user.' })
export class ChargePayer {
  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'CPF or CNPJ, digits (and letters) only.' })
  governmentId!: string;

  @Field(() => String)
  email!: string;
}

@ObjectType('Boleto')
export class Boleto {
  @Field(() => String, { description: 'Nosso número, unique per beneficiary.' })
  ourNumber!: string;

  @Field(() => String, { description: 'The 44 digits the ITF-25 barcode encodes.' })
  barcode!: string;

  @Field(() => String, { description: 'Linha digitável: 47 digits.' })
  digitableLine!: string;

  @Field(() => String, { description: 'A signed link to the PDF, valid for a limited time.' })
  pdfUrl!: string;
}

@ObjectType('Pix')
export class Pix {
  @Field(() => String, { description: 'EMV BR Code ("copia e cola").' })
  brCode!: string;
}

@ObjectType('Charge', { description: 'One debt of a payer, issued as a boleto with PIX.' })
@Directive('@key(fields: "id")')
export class Charge {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Your id of the debt; one charge per debtId.' })
  debtId!: string;

  @Field(() => ChargePayer)
  payer!: ChargePayer;

  @Field(() => Money)
  amount!: Money;

  @Field(() => LocalDateScalar)
  dueDate!: string;

  @Field(() => ChargeStatus)
  status!: ChargeStatus;

  @Field(() => Boleto, { nullable: true, description: 'Null until issued.' })
  boleto!: Boleto | null;

  @Field(() => Pix, { nullable: true, description: 'Null until issued.' })
  pix!: Pix | null;

  @Field(() => DateTimeScalar, { nullable: true })
  sentAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  paidAt!: Date | null;

  @Field(() => Money, { nullable: true })
  paidAmount!: Money | null;

  @Field(() => String, { nullable: true, description: 'Why the last email failed.' })
  failureReason!: string | null;

  @Field(() => ID, { nullable: true, description: "The ledger's income entry once booked." })
  ledgerEntryId!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the ledger refused to book it.' })
  ledgerRejection!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  /** The batch that made it (resolved by `Charge.batch`); null for createCharge. */
  batchId!: string | null;

  static from(c: ChargeRecord, pdfUrl: (id: string) => string): Charge {
    const issued = c.barcode !== null && c.digitableLine !== null && c.ourNumber !== null;
    return Object.assign(new Charge(), {
      id: c.id,
      debtId: c.debtId,
      payer: Object.assign(new ChargePayer(), {
        name: c.payerName,
        governmentId: c.payerGovernmentId,
        email: c.payerEmail,
      }),
      amount: Money.of(c.amount, c.currency),
      dueDate: c.dueDate,
      status: c.status as ChargeStatus,
      boleto: issued
        ? Object.assign(new Boleto(), {
            ourNumber: c.ourNumber,
            barcode: c.barcode,
            digitableLine: c.digitableLine,
            pdfUrl: pdfUrl(c.id),
          })
        : null,
      pix: c.pixBrCode === null ? null : Object.assign(new Pix(), { brCode: c.pixBrCode }),
      sentAt: c.sentAt,
      paidAt: c.paidAt,
      paidAmount: c.paidAmount === null ? null : Money.of(c.paidAmount, c.currency),
      failureReason: c.failureReason,
      ledgerEntryId: c.ledgerEntryId,
      ledgerRejection: c.ledgerRejection,
      createdAt: c.createdAt,
      batchId: c.batchId,
    });
  }
}

export const ChargeConnection = connectionType('Charge', Charge);

@InputType('ChargePayerInput')
export class ChargePayerInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'CPF or CNPJ, with or without punctuation.' })
  governmentId!: string;

  @Field(() => String)
  email!: string;
}

@InputType('CreateChargeInput')
export class CreateChargeInput {
  @Field(() => String, {
    description: 'Your id of the debt: the same debtId never makes two charges.',
  })
  debtId!: string;

  @Field(() => ChargePayerInput)
  payer!: ChargePayerInput;

  @Field(() => DecimalScalar, { description: 'BRL, e.g. "150.00".' })
  amount!: string;

  @Field(() => LocalDateScalar)
  dueDate!: string;
}

@InputType('ChargeFilter')
export class ChargeFilterInput {
  @Field(() => ChargeStatus, { nullable: true })
  status?: ChargeStatus | null;

  @Field(() => LocalDateScalar, { nullable: true })
  dueFrom?: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  dueTo?: string | null;

  @Field(() => String, { nullable: true, description: 'Payer name, email, document or debtId.' })
  search?: string | null;

  @Field(() => ID, { nullable: true, description: 'Charges made by one batch (importCharges).' })
  batchId?: string | null;
}

@InputType('RegisterChargePaymentInput')
export class RegisterChargePaymentInput {
  @Field(() => ID)
  chargeId!: string;

  @Field(() => DecimalScalar)
  amount!: string;

  @Field(() => LocalDateScalar)
  date!: string;
}
