import {
  ChargeBatchChunkEntity,
  ChargeBatchEntity,
  ChargeBatchErrorEntity,
} from './batches/batch.entity';
import { ChargeEntity } from './charges/charge.entity';
import { BillingFileChunkEntity, BillingFileEntity } from './files/file.entity';
import { BillingProfileEntity } from './profiles/profile.entity';

/** The billing tables as MikroORM entities (the SQL is hand-written; see the repositories). */
export const entities = [
  BillingProfileEntity,
  ChargeEntity,
  BillingFileEntity,
  BillingFileChunkEntity,
  ChargeBatchEntity,
  ChargeBatchChunkEntity,
  ChargeBatchErrorEntity,
];
