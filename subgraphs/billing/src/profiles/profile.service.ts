import {
  badInput,
  invalidState,
  isValidTimeZone,
  requiredText,
  type EntityManager,
} from '@saldo/kit';
import { bankProblems, isValidPixKey, parseGovernmentId, SUPPORTED_BANKS } from '../domain';
import type { BeneficiaryBank } from '../domain';
import {
  PROFILE_FIELDS,
  profileRepository,
  type ProfileFields,
  type ProfileRecord,
} from './profile.repository';

/** An update: a field left out (or null) keeps its value; an empty string clears it. */
export type ProfileChanges = { [K in keyof ProfileFields]?: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BANK_TEXT = /^[0-9A-Za-z-]{1,20}$/;

// Every field but `agreement` is needed to issue; whether the bank needs an agreement (and
// its length) is the bank's rule (`bankProblems`).
const REQUIRED = PROFILE_FIELDS.filter((f) => f !== 'agreement');

export interface ProfileStatus {
  profile: ProfileRecord | null;
  missing: string[];
  /** What the configured bank refuses (e.g. an agreement of the wrong length). */
  problems: string[];
}

export const emptyFields = (): ProfileFields => ({
  beneficiaryName: null,
  beneficiaryDocument: null,
  bankCode: null,
  agency: null,
  account: null,
  wallet: null,
  agreement: null,
  pixKey: null,
  receivingAccountId: null,
  senderName: null,
});

/** The bank data of a profile, '' for what is not set. */
export function bankOf(f: ProfileFields): BeneficiaryBank {
  return {
    bankCode: f.bankCode ?? '',
    agency: f.agency ?? '',
    account: f.account ?? '',
    wallet: f.wallet ?? '',
    agreement: f.agreement ?? '',
  };
}

export function statusOf(profile: ProfileRecord | null): ProfileStatus {
  const f = profile ?? emptyFields();
  const missing = REQUIRED.filter((k) => f[k] === null);
  const problems = f.bankCode === null ? [] : bankProblems(bankOf(f));
  return { profile, missing, problems };
}

/** The profile's status, or BILLING_PROFILE_INCOMPLETE naming what is missing. */
export function requireComplete(status: ProfileStatus): ProfileRecord {
  if (status.profile && status.missing.length === 0 && status.problems.length === 0) {
    return status.profile;
  }
  const what = [...status.missing, ...status.problems];
  return failIncomplete(what);
}

function failIncomplete(what: string[]): never {
  // The kit's ErrorCode has no billing code: INVALID_STATE, the reason in the extensions.
  throw invalidState(`Complete your billing profile first; missing: ${what.join(', ')}`, {
    reason: 'BILLING_PROFILE_INCOMPLETE',
    missing: what.join(', '),
  });
}

function clean(field: keyof ProfileFields, raw: string): string {
  const value = raw.trim();
  switch (field) {
    case 'beneficiaryName':
    case 'senderName':
      return requiredText(value, field, 120);
    case 'beneficiaryDocument': {
      const id = parseGovernmentId(value);
      if (!id) throw badInput('beneficiaryDocument must be a valid CPF or CNPJ', { field });
      return id.value;
    }
    case 'bankCode':
      if (!SUPPORTED_BANKS.some((b) => b.code === value)) {
        const codes = SUPPORTED_BANKS.map((b) => `${b.code} (${b.name})`).join(', ');
        throw badInput(`bankCode must be one of the supported banks: ${codes}`, { field });
      }
      return value;
    case 'pixKey':
      if (!isValidPixKey(value)) {
        throw badInput('pixKey must be a PIX key: CPF, CNPJ, email, +55 phone or random key', {
          field,
        });
      }
      return value;
    case 'receivingAccountId':
      if (!UUID.test(value)) throw badInput('receivingAccountId must be an account id', { field });
      return value.toLowerCase();
    default:
      if (!BANK_TEXT.test(value)) {
        throw badInput(`${field} must be 1-20 digits or letters (a dash allowed)`, { field });
      }
      return value;
  }
}

/** A beneficiary's billing profile. */
export class ProfileService {
  async status(em: EntityManager, userId: string): Promise<ProfileStatus> {
    return statusOf(await profileRepository.get(em, userId));
  }

  async update(
    em: EntityManager,
    userId: string,
    changes: ProfileChanges,
    timeZone: string,
  ): Promise<ProfileStatus> {
    return em.transactional(async (tx) => {
      const current = await profileRepository.get(tx, userId);
      const next: ProfileFields = current ? pick(current) : emptyFields();
      for (const field of PROFILE_FIELDS) {
        const raw = changes[field];
        if (raw === undefined || raw === null) continue;
        next[field] = raw.trim() === '' ? null : clean(field, raw);
      }
      const bankChanged = (['bankCode', 'agency', 'account', 'wallet', 'agreement'] as const).some(
        (k) => changes[k] !== undefined && changes[k] !== null,
      );
      // The bank's rules apply once its data is all there (a partial update may come first).
      if (bankChanged && next.bankCode && next.agency && next.account && next.wallet) {
        const problems = bankProblems(bankOf(next));
        if (problems.length > 0) {
          throw badInput(`The bank refuses this data: ${problems.join('; ')}`, {
            field: 'bankCode',
          });
        }
      }
      const saved = await profileRepository.upsert(tx, userId, next);
      if (isValidTimeZone(timeZone)) await profileRepository.setTimeZone(tx, userId, timeZone);
      return statusOf(saved);
    });
  }
}

function pick(r: ProfileRecord): ProfileFields {
  const f = emptyFields();
  for (const k of PROFILE_FIELDS) f[k] = r[k];
  return f;
}
