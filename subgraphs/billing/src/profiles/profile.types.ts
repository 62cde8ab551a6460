import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { AccountRef } from '../common/stubs';
import type { ProfileStatus } from './profile.service';

@ObjectType('BillingProfile', {
  description: 'What your charges are issued with: beneficiary, bank, PIX key, receiving account.',
})
export class BillingProfile {
  @Field(() => String, { nullable: true })
  beneficiaryName!: string | null;

  @Field(() => String, { nullable: true, description: 'CPF or CNPJ, digits (and letters) only.' })
  beneficiaryDocument!: string | null;

  @Field(() => String, { nullable: true, description: 'FEBRABAN bank code, e.g. "001".' })
  bankCode!: string | null;

  @Field(() => String, { nullable: true })
  agency!: string | null;

  @Field(() => String, { nullable: true })
  account!: string | null;

  @Field(() => String, { nullable: true, description: 'Carteira.' })
  wallet!: string | null;

  @Field(() => String, { nullable: true, description: "Convênio, as the bank's layout needs." })
  agreement!: string | null;

  @Field(() => String, { nullable: true })
  pixKey!: string | null;

  @Field(() => ID, { nullable: true, description: 'Ledger account paid charges are booked in.' })
  receivingAccountId!: string | null;

  @Field(() => AccountRef, { nullable: true })
  receivingAccount!: AccountRef | null;

  @Field(() => String, { nullable: true, description: "The name payers' emails come from." })
  senderName!: string | null;

  @Field(() => Boolean, { description: 'Charges can be issued.' })
  complete!: boolean;

  @Field(() => [String], { description: 'Fields still to fill before charges can be issued.' })
  missing!: string[];

  @Field(() => [String], { description: 'What the configured bank refuses in the bank data.' })
  problems!: string[];

  static from(s: ProfileStatus): BillingProfile {
    const p = s.profile;
    return Object.assign(new BillingProfile(), {
      beneficiaryName: p?.beneficiaryName ?? null,
      beneficiaryDocument: p?.beneficiaryDocument ?? null,
      bankCode: p?.bankCode ?? null,
      agency: p?.agency ?? null,
      account: p?.account ?? null,
      wallet: p?.wallet ?? null,
      agreement: p?.agreement ?? null,
      pixKey: p?.pixKey ?? null,
      receivingAccountId: p?.receivingAccountId ?? null,
      receivingAccount: AccountRef.of(p?.receivingAccountId ?? null),
      senderName: p?.senderName ?? null,
      complete: s.missing.length === 0 && s.problems.length === 0,
      missing: s.missing,
      problems: s.problems,
    });
  }
}

@InputType('UpdateBillingProfileInput', {
  description: 'Fields left out (or null) keep their value; an empty string clears one.',
})
export class UpdateBillingProfileInput {
  @Field(() => String, { nullable: true })
  beneficiaryName?: string | null;

  @Field(() => String, { nullable: true })
  beneficiaryDocument?: string | null;

  @Field(() => String, { nullable: true })
  bankCode?: string | null;

  @Field(() => String, { nullable: true })
  agency?: string | null;

  @Field(() => String, { nullable: true })
  account?: string | null;

  @Field(() => String, { nullable: true })
  wallet?: string | null;

  @Field(() => String, { nullable: true })
  agreement?: string | null;

  @Field(() => String, { nullable: true })
  pixKey?: string | null;

  @Field(() => ID, { nullable: true })
  receivingAccountId?: string | null;

  @Field(() => String, { nullable: true })
  senderName?: string | null;
}
