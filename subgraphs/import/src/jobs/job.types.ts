import { connectionType, DateTimeScalar, LocalDateScalar, Money } from '@saldo/kit';
import { eventCatalog, type EventData, type EventType } from '@saldo/events';
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { STATEMENT_FORMATS } from '../parsers/types';
import { cardMovementOf } from '../confirm/card-movement';
import type { RowRecord } from '../rows/row.model';
import { ImportStatus, type JobRecord, type Totals } from './job.model';

export enum ImportFormat {
  OFX = 'OFX',
  QFX = 'QFX',
  QIF = 'QIF',
  CSV = 'CSV',
  XLSX = 'XLSX',
  CAMT053 = 'CAMT053',
  CAMT052 = 'CAMT052',
}
// The GraphQL enum and the parsers' formats are one list.
const formats: readonly string[] = Object.values(ImportFormat);
if (STATEMENT_FORMATS.some((f) => !formats.includes(f))) throw new Error('ImportFormat is stale');

export enum DuplicateReason {
  EXTERNAL_ID = 'EXTERNAL_ID',
  SIMILAR = 'SIMILAR',
}

export enum ImportRowKind {
  INCOME = 'INCOME',
  EXPENSE = 'EXPENSE',
}

export enum CardMovement {
  PURCHASE = 'PURCHASE',
  REFUND = 'REFUND',
  PAYMENT = 'PAYMENT',
}
registerEnumType(CardMovement, {
  name: 'CardMovement',
  description: 'What a card statement row is to the card.',
  valuesConfig: {
    PURCHASE: { description: 'A purchase (with its installment series when it says n/N).' },
    REFUND: { description: "Money back: credited on the matching purchase's card." },
    PAYMENT: { description: 'The bill payment: recorded as a payment of the invoice.' },
  },
});

export enum StatementAccountType {
  BANK = 'BANK',
  CREDIT_CARD = 'CREDIT_CARD',
}

registerEnumType(ImportStatus, { name: 'ImportStatus' });
registerEnumType(ImportFormat, { name: 'ImportFormat' });
registerEnumType(DuplicateReason, {
  name: 'DuplicateReason',
  valuesConfig: {
    EXTERNAL_ID: { description: "The bank's id for it is already in the account." },
    SIMILAR: { description: 'Same amount within 7 days (closest date, likest description).' },
  },
});
registerEnumType(ImportRowKind, { name: 'ImportRowKind' });
registerEnumType(StatementAccountType, { name: 'StatementAccountType' });

@ObjectType('ImportTotals')
export class ImportTotals {
  @Field(() => Int, { description: 'Rows read from the statement (invalid ones not included).' })
  rows!: number;

  @Field(() => Int, { description: 'Rows that are not duplicates.' })
  new!: number;

  @Field(() => Int)
  duplicates!: number;

  @Field(() => Int, { description: 'Rows that will not be imported (duplicates start here).' })
  excluded!: number;

  @Field(() => Int, { description: 'Lines that could not be read (see errors).' })
  invalid!: number;

  @Field(() => Int, { description: 'Rows the ledger has booked.' })
  imported!: number;

  static of(t: Totals): ImportTotals {
    return Object.assign(new ImportTotals(), t);
  }
}

@ObjectType('ImportError')
export class ImportError {
  @Field(() => Int, { nullable: true })
  line!: number | null;

  @Field(() => String)
  message!: string;
}

@ObjectType('StatementAccount', { description: 'One account or card statement in the file.' })
export class StatementAccount {
  @Field(() => String, { description: 'Its id in the file, e.g. BANKID/BRANCHID/ACCTID or IBAN.' })
  id!: string;

  @Field(() => StatementAccountType)
  type!: StatementAccountType;

  @Field(() => String)
  currency!: string;

  @Field(() => Int)
  rows!: number;

  @Field(() => Boolean, { description: 'The statement this job imports.' })
  chosen!: boolean;
}

@ObjectType('ImportInstallment')
export class ImportInstallment {
  @Field(() => Int)
  number!: number;

  @Field(() => Int)
  count!: number;
}

@ObjectType('ImportRow', {
  description: 'One transaction of the statement, as it will be imported.',
})
export class ImportRow {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'Line (or row) of the file it starts on.' })
  line!: number;

  @Field(() => LocalDateScalar)
  date!: string;

  @Field(() => Money, { description: 'Signed: negative leaves the account.' })
  amount!: Money;

  @Field(() => ImportRowKind)
  kind!: ImportRowKind;

  @Field(() => String)
  description!: string;

  @Field(() => String, { nullable: true })
  payee!: string | null;

  @Field(() => String, { nullable: true, description: "The bank's id (OFX FITID, CSV id column)." })
  externalId!: string | null;

  @Field(() => DuplicateReason, { nullable: true })
  duplicateReason!: DuplicateReason | null;

  @Field(() => Boolean)
  included!: boolean;

  @Field(() => ID, { nullable: true, description: 'Chosen, or suggested from your past entries.' })
  categoryId!: string | null;

  @Field(() => ImportInstallment, { nullable: true })
  installment!: ImportInstallment | null;

  @Field(() => CardMovement, { nullable: true, description: 'Card statements only.' })
  cardMovement!: CardMovement | null;

  record!: RowRecord;

  static from(r: RowRecord, card: boolean): ImportRow {
    return Object.assign(new ImportRow(), {
      id: r.id,
      line: r.line,
      date: r.date,
      amount: Money.of(r.amount, r.currency),
      kind: r.kind as ImportRowKind,
      description: r.description,
      payee: r.payee,
      externalId: r.externalId,
      duplicateReason: r.duplicateReason as DuplicateReason | null,
      included: r.included,
      categoryId: r.categoryId,
      installment:
        r.installmentNumber !== null && r.installmentCount !== null
          ? Object.assign(new ImportInstallment(), {
              number: r.installmentNumber,
              count: r.installmentCount,
            })
          : null,
      cardMovement: card ? (cardMovementOf(r) as CardMovement) : null,
      record: r,
    });
  }
}

export const ImportRowConnection = connectionType('ImportRow', ImportRow);

@ObjectType('ImportJob', { description: 'A statement file on its way into the ledger.' })
@Directive('@key(fields: "id")')
export class ImportJob {
  @Field(() => ID)
  id!: string;

  @Field(() => ImportStatus)
  status!: ImportStatus;

  @Field(() => ImportFormat, { nullable: true, description: 'As given or detected.' })
  format!: ImportFormat | null;

  @Field(() => String)
  filename!: string;

  @Field(() => [ImportError])
  errors!: ImportError[];

  @Field(() => [StatementAccount], {
    description: 'Every statement in the file; `chosen` is the one imported.',
  })
  statementAccounts!: StatementAccount[];

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  completedAt!: Date | null;

  record!: JobRecord;

  static from(j: JobRecord): ImportJob {
    return Object.assign(new ImportJob(), {
      id: j.id,
      status: j.status,
      format: j.format as ImportFormat | null,
      filename: j.filename,
      errors: j.errors.map((e) => Object.assign(new ImportError(), e)),
      statementAccounts: j.statementAccounts.map((a) =>
        Object.assign(new StatementAccount(), {
          ...a,
          type: a.type as StatementAccountType,
          chosen: a.id === j.statementAccountId,
        }),
      ),
      createdAt: j.createdAt,
      completedAt: j.completedAt,
      record: j,
    });
  }
}

export const ImportJobConnection = connectionType('ImportJob', ImportJob);

@ObjectType('ImportJobUpdate', { description: 'A job changed (the subscription payload).' })
export class ImportJobUpdate {
  @Field(() => ID)
  jobId!: string;

  @Field(() => ImportStatus)
  status!: ImportStatus;

  @Field(() => ImportTotals)
  totals!: ImportTotals;

  @Field(() => Float, { description: '0 to 1 while importing; 1 once finished.' })
  progress!: number;

  static fromEvent(data: EventData<EventType>): ImportJobUpdate {
    const d = eventCatalog['import.job.updated'].parse(data);
    return Object.assign(new ImportJobUpdate(), {
      jobId: d.jobId,
      status: d.status as ImportStatus,
      totals: ImportTotals.of(d.totals),
      progress: d.progress,
    });
  }
}

@ObjectType('CsvColumns', { description: 'Header names or 0-based indexes of CSV columns.' })
export class CsvColumns {
  @Field(() => String)
  date!: string;

  @Field(() => String)
  description!: string;

  @Field(() => String, { nullable: true })
  amount!: string | null;

  @Field(() => String, { nullable: true })
  debit!: string | null;

  @Field(() => String, { nullable: true })
  credit!: string | null;

  @Field(() => String, { nullable: true })
  payee!: string | null;

  @Field(() => String, { nullable: true })
  externalId!: string | null;

  @Field(() => String, { nullable: true })
  direction!: string | null;
}

@ObjectType('CsvMapping', { description: 'A saved CSV column mapping.' })
export class CsvMappingType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => CsvColumns)
  mapping!: CsvColumns;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}
