import { CardEntity } from './cards/card.entity';
import { InvoiceAdjustmentEntity } from './invoices/invoice-adjustment.entity';
import { InvoiceEntity } from './invoices/invoice.entity';
import { PaymentEntity } from './payments/payment.entity';
import { InstallmentEntity } from './purchases/installment.entity';
import { PurchaseEntity } from './purchases/purchase.entity';
import { StatementRowEntity } from './statements/statement-row.entity';
import { UserTimeZoneEntity } from './users/user-time-zone.entity';

/** Every table of cards' migrations as an entity; test/entities.int.test.ts checks them. */
export const entities = [
  UserTimeZoneEntity,
  CardEntity,
  InvoiceEntity,
  PurchaseEntity,
  InstallmentEntity,
  InvoiceAdjustmentEntity,
  PaymentEntity,
  StatementRowEntity,
];
