import { Check, Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A beneficiary's billing profile (`billing_profiles`), with the our-number counter and time
 * zone. Written with plain SQL (`profile.repository.ts`); the entity documents the table and
 * is checked against the migration.
 */
@Entity({ tableName: 'billing_profiles' })
@Check({
  name: 'billing_profiles_next_our_number_check',
  expression: 'next_our_number > 0',
})
export class BillingProfileEntity {
  [OptionalProps]?: 'nextOurNumber' | 'timeZone' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'text', nullable: true })
  beneficiaryName: string | null = null;

  @Property({ type: 'text', nullable: true })
  beneficiaryDocument: string | null = null;

  @Property({ type: 'text', nullable: true })
  bankCode: string | null = null;

  @Property({ type: 'text', nullable: true })
  agency: string | null = null;

  @Property({ type: 'text', nullable: true })
  account: string | null = null;

  @Property({ type: 'text', nullable: true })
  wallet: string | null = null;

  @Property({ type: 'text', nullable: true })
  agreement: string | null = null;

  @Property({ type: 'text', nullable: true })
  pixKey: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  receivingAccountId: string | null = null;

  @Property({ type: 'text', nullable: true })
  senderName: string | null = null;

  @Property({ type: 'bigint', default: 1 })
  nextOurNumber: bigint = 1n;

  @Property({ type: 'text', default: 'America/Sao_Paulo' })
  timeZone: string = 'America/Sao_Paulo';

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
