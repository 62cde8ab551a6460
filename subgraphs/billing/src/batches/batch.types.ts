import { connectionType, DateTimeScalar } from '@saldo/kit';
import { eventCatalog, type EventData, type EventType } from '@saldo/events';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { BatchErrorRecord, BatchRecord, BatchTotals } from './batch.repository';

export enum ChargeBatchStatus {
  RECEIVED = 'RECEIVED',
  PROCESSING = 'PROCESSING',
  COMPLETED = 'COMPLETED',
  COMPLETED_WITH_ERRORS = 'COMPLETED_WITH_ERRORS',
  FAILED = 'FAILED',
}
registerEnumType(ChargeBatchStatus, { name: 'ChargeBatchStatus' });

@ObjectType('ChargeBatchTotals')
export class ChargeBatchTotals {
  @Field(() => Int, { description: 'Data rows read (blank lines not counted).' })
  rows!: number;

  @Field(() => Int, { description: 'Valid rows that became a charge.' })
  accepted!: number;

  @Field(() => Int, { description: 'Valid rows whose debtId you already had (any batch).' })
  duplicates!: number;

  @Field(() => Int, { description: 'Rows with an error (see errors).' })
  invalid!: number;

  @Field(() => Int, { description: 'Charges issued (boleto + PIX).' })
  issued!: number;

  @Field(() => Int, { description: 'Charges whose email was delivered.' })
  sent!: number;

  @Field(() => Int, { description: 'Charges whose email failed (until sent again).' })
  failed!: number;

  static of(t: BatchTotals): ChargeBatchTotals {
    return Object.assign(new ChargeBatchTotals(), t);
  }
}

@ObjectType('ChargeBatchError', { description: 'A problem with one row of the file.' })
export class ChargeBatchError {
  @Field(() => Int, { description: 'The line in the file (the header is line 1).' })
  line!: number;

  @Field(() => String, { description: 'The column (`row` for the row as a whole).' })
  field!: string;

  @Field(() => String)
  message!: string;

  static from(e: BatchErrorRecord): ChargeBatchError {
    return Object.assign(new ChargeBatchError(), {
      line: e.line,
      field: e.field,
      message: e.message,
    });
  }
}

export const ChargeBatchErrorConnection = connectionType('ChargeBatchError', ChargeBatchError);

@ObjectType('ChargeBatch', { description: 'An imported charge file and how far it is.' })
export class ChargeBatch {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  filename!: string;

  @Field(() => ChargeBatchStatus)
  status!: ChargeBatchStatus;

  @Field(() => ChargeBatchTotals)
  totals!: ChargeBatchTotals;

  @Field(() => Float, { description: '0 to 1: chunks processed; 1 once finished.' })
  progress!: number;

  @Field(() => String, { nullable: true, description: 'Why the batch FAILED.' })
  failure!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  startedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  finishedAt!: Date | null;

  record!: BatchRecord;

  static from(b: BatchRecord, progress: number): ChargeBatch {
    return Object.assign(new ChargeBatch(), {
      id: b.id,
      filename: b.filename,
      status: b.status as ChargeBatchStatus,
      totals: ChargeBatchTotals.of(b.totals),
      progress,
      failure: b.failure,
      createdAt: b.createdAt,
      startedAt: b.startedAt,
      finishedAt: b.finishedAt,
      record: b,
    });
  }
}

export const ChargeBatchConnection = connectionType('ChargeBatch', ChargeBatch);

@ObjectType('ChargeBatchUpdate', { description: 'A batch changed (the subscription payload).' })
export class ChargeBatchUpdate {
  @Field(() => ID)
  batchId!: string;

  @Field(() => ChargeBatchStatus)
  status!: ChargeBatchStatus;

  @Field(() => ChargeBatchTotals)
  totals!: ChargeBatchTotals;

  @Field(() => Float, { description: '0 to 1 while processing; 1 once finished.' })
  progress!: number;

  static fromEvent(data: EventData<EventType>): ChargeBatchUpdate {
    const d = eventCatalog['billing.batch.updated'].parse(data);
    return Object.assign(new ChargeBatchUpdate(), {
      batchId: d.batchId,
      status: d.status as ChargeBatchStatus,
      totals: ChargeBatchTotals.of(d.totals),
      progress: d.progress,
    });
  }
}
