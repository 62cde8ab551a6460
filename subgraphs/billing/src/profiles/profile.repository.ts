import { query, queryOne, type EntityManager } from '@saldo/kit';

/** A billing profile row as stored; every field may be unset until the profile is complete. */
export interface ProfileRecord {
  userId: string;
  beneficiaryName: string | null;
  beneficiaryDocument: string | null;
  bankCode: string | null;
  agency: string | null;
  account: string | null;
  wallet: string | null;
  agreement: string | null;
  pixKey: string | null;
  receivingAccountId: string | null;
  senderName: string | null;
  updatedAt: Date;
}

export type ProfileFields = Omit<ProfileRecord, 'userId' | 'updatedAt'>;

export const PROFILE_FIELDS = [
  'beneficiaryName',
  'beneficiaryDocument',
  'bankCode',
  'agency',
  'account',
  'wallet',
  'agreement',
  'pixKey',
  'receivingAccountId',
  'senderName',
] as const satisfies readonly (keyof ProfileFields)[];

interface ProfileRow {
  user_id: string;
  beneficiary_name: string | null;
  beneficiary_document: string | null;
  bank_code: string | null;
  agency: string | null;
  account: string | null;
  wallet: string | null;
  agreement: string | null;
  pix_key: string | null;
  receiving_account_id: string | null;
  sender_name: string | null;
  updated_at: string | Date;
}

const COLUMNS = `user_id, beneficiary_name, beneficiary_document, bank_code, agency, account, wallet,
  agreement, pix_key, receiving_account_id, sender_name, updated_at`;

function toRecord(r: ProfileRow): ProfileRecord {
  return {
    userId: r.user_id,
    beneficiaryName: r.beneficiary_name,
    beneficiaryDocument: r.beneficiary_document,
    bankCode: r.bank_code,
    agency: r.agency,
    account: r.account,
    wallet: r.wallet,
    agreement: r.agreement,
    pixKey: r.pix_key,
    receivingAccountId: r.receiving_account_id,
    senderName: r.sender_name,
    updatedAt: new Date(r.updated_at),
  };
}

/** SQL for billing profiles; every statement is scoped by user id. */
export const profileRepository = {
  async get(em: EntityManager, userId: string): Promise<ProfileRecord | null> {
    const row = await queryOne<ProfileRow>(
      em,
      `select ${COLUMNS} from billing_profiles where user_id = ?::uuid`,
      [userId],
    );
    return row ? toRecord(row) : null;
  },

  /** Records the beneficiary's time zone (a row is made if none exists yet). */
  async setTimeZone(em: EntityManager, userId: string, timeZone: string): Promise<void> {
    await query(
      em,
      `insert into billing_profiles (user_id, time_zone) values (?::uuid, ?)
       on conflict (user_id) do update set time_zone = excluded.time_zone
       where billing_profiles.time_zone is distinct from excluded.time_zone`,
      [userId, timeZone],
    );
  },

  async upsert(em: EntityManager, userId: string, f: ProfileFields): Promise<ProfileRecord> {
    const rows = await query<ProfileRow>(
      em,
      `insert into billing_profiles (user_id, beneficiary_name, beneficiary_document, bank_code,
         agency, account, wallet, agreement, pix_key, receiving_account_id, sender_name)
       values (?::uuid, ?, ?, ?, ?, ?, ?, ?, ?, ?::uuid, ?)
       on conflict (user_id) do update set beneficiary_name = excluded.beneficiary_name,
         beneficiary_document = excluded.beneficiary_document, bank_code = excluded.bank_code,
         agency = excluded.agency, account = excluded.account, wallet = excluded.wallet,
         agreement = excluded.agreement, pix_key = excluded.pix_key,
         receiving_account_id = excluded.receiving_account_id, sender_name = excluded.sender_name,
         updated_at = now()
       returning ${COLUMNS}`,
      [
        userId,
        f.beneficiaryName,
        f.beneficiaryDocument,
        f.bankCode,
        f.agency,
        f.account,
        f.wallet,
        f.agreement,
        f.pixKey,
        f.receivingAccountId,
        f.senderName,
      ],
    );
    return toRecord(rows[0]!);
  },

  /**
   * Reserves `count` our-numbers: the first of the range. One atomic update, so concurrent
   * issuers get disjoint ranges; a range is never handed out again, even if unused.
   */
  async allocateOurNumbers(em: EntityManager, userId: string, count: number): Promise<bigint> {
    const row = await queryOne<{ first: string }>(
      em,
      `update billing_profiles set next_our_number = next_our_number + ?
       where user_id = ?::uuid returning next_our_number - ? as first`,
      [count, userId, count],
    );
    if (!row) throw new Error('allocateOurNumbers: no billing profile');
    return BigInt(row.first);
  },
};
