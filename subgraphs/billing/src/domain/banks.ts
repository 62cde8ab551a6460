// Bank layouts of the 25-digit free field ("campo livre") and the our-number ("nosso número").
//
// 001 Banco do Brasil, convênio of 7 digits (carteiras 11, 16, 17, 18, 31, 51):
//   free field = 000000 + convênio(7) + complement(10) + carteira(2)
//   our-number = convênio(7) + complement(10), 17 digits, no check digit.
// 237 Bradesco:
//   free field = agência(4) + carteira(2) + nosso número(11) + conta(7, without its DV) + 0
//   our-number printed as carteira/nosso número-DV, DV = module 11 base 7 over carteira+nosso número
//   (rest 0 -> '0', rest 1 -> 'P', else 11 - rest).
import { buildBarcode, lineOfCheckedBarcode } from './boleto';

export interface BeneficiaryBank {
  bankCode: string;
  agency: string;
  account: string;
  wallet: string;
  agreement: string;
}

export const SUPPORTED_BANKS: readonly { code: string; name: string }[] = [
  { code: '001', name: 'Banco do Brasil' },
  { code: '237', name: 'Bradesco' },
];

const BB_WALLETS = new Set(['11', '16', '17', '18', '31', '51']);
const AGENCY = /^\d{4}(-[\dXx])?$/;
const ACCOUNT = /^\d{1,12}(-[\dXxPp])?$/;
const BB_MAX_SEQUENCE = 9_999_999_999n; // 10-digit complement
const BRADESCO_MAX_SEQUENCE = 99_999_999_999n; // 11-digit nosso número

/** The number part of '1234-5' style fields (agency, account) without the check digit. */
function numberPart(s: string): string {
  const dash = s.indexOf('-');
  return dash < 0 ? s : s.slice(0, dash);
}

function bbProblems(b: BeneficiaryBank): string[] {
  const p: string[] = [];
  if (!/^\d{7}$/.test(b.agreement)) {
    p.push('Banco do Brasil: the convênio (agreement) must have exactly 7 digits');
  }
  if (!BB_WALLETS.has(b.wallet)) {
    p.push(`Banco do Brasil: carteira (wallet) must be one of ${[...BB_WALLETS].join(', ')}`);
  }
  if (!AGENCY.test(b.agency)) p.push('Banco do Brasil: agency must be 4 digits (optional -DV)');
  if (!ACCOUNT.test(b.account)) p.push('Banco do Brasil: account must be digits (optional -DV)');
  return p;
}

function bradescoProblems(b: BeneficiaryBank): string[] {
  const p: string[] = [];
  if (!AGENCY.test(b.agency)) p.push('Bradesco: agency must be 4 digits (optional -DV)');
  if (!ACCOUNT.test(b.account) || numberPart(b.account).length > 7) {
    p.push('Bradesco: account must be up to 7 digits (optional -DV)');
  }
  if (!/^\d{2}$/.test(b.wallet)) p.push('Bradesco: carteira (wallet) must be 2 digits, e.g. 09');
  return p;
}

/** Human-readable problems with the bank data for its layout; [] when issuable. */
export function bankProblems(b: BeneficiaryBank): string[] {
  switch (b.bankCode) {
    case '001':
      return bbProblems(b);
    case '237':
      return bradescoProblems(b);
    default:
      return [
        `Bank ${b.bankCode} is not supported (supported: ${SUPPORTED_BANKS.map((s) => s.code).join(', ')})`,
      ];
  }
}

/** Bradesco our-number DV: module 11, weights 2..7 from the right, over carteira(2)+nosso número(11). */
export function bradescoOurNumberDigit(wallet: string, ourNumber11: string): string {
  const s = wallet + ourNumber11;
  let sum = 0;
  let weight = 2;
  for (let i = s.length - 1; i >= 0; i--) {
    sum += (s.charCodeAt(i) - 48) * weight;
    weight = weight === 7 ? 2 : weight + 1;
  }
  const rest = sum % 11;
  if (rest === 0) return '0';
  if (rest === 1) return 'P';
  return String(11 - rest);
}

function layout(b: BeneficiaryBank, sequence: bigint): { ourNumber: string; freeField: string } {
  if (b.bankCode === '001') {
    if (sequence > BB_MAX_SEQUENCE)
      throw new RangeError('Banco do Brasil: sequence exceeds 10 digits');
    const ourNumber = b.agreement + sequence.toString().padStart(10, '0');
    return { ourNumber, freeField: '000000' + ourNumber + b.wallet };
  }
  if (sequence > BRADESCO_MAX_SEQUENCE)
    throw new RangeError('Bradesco: sequence exceeds 11 digits');
  const nn = sequence.toString().padStart(11, '0');
  const account = numberPart(b.account).padStart(7, '0');
  return {
    ourNumber: `${b.wallet}/${nn}-${bradescoOurNumberDigit(b.wallet, nn)}`,
    freeField: numberPart(b.agency) + b.wallet + nn + account + '0',
  };
}

// Bulk runs issue many boletos for one beneficiary: skip re-validating identical bank data.
let lastIssuable: BeneficiaryBank | undefined;

function sameAsLastIssuable(b: BeneficiaryBank): boolean {
  const l = lastIssuable;
  return (
    l !== undefined &&
    l.bankCode === b.bankCode &&
    l.agency === b.agency &&
    l.account === b.account &&
    l.wallet === b.wallet &&
    l.agreement === b.agreement
  );
}

/** `sequence` is the beneficiary's next our-number counter (>= 1, never reused).
 * ourNumber is the form printed on the boleto. Throws RangeError on bad bank data or range. */
export function buildBoleto(
  b: BeneficiaryBank,
  sequence: bigint,
  dueDate: string,
  amountCents: bigint,
): { ourNumber: string; barcode: string; digitableLine: string } {
  if (!sameAsLastIssuable(b)) {
    const problems = bankProblems(b);
    if (problems.length > 0) throw new RangeError(problems.join('; '));
    lastIssuable = { ...b };
  }
  if (sequence < 1n) throw new RangeError('Our-number sequence must be >= 1');
  const { ourNumber, freeField } = layout(b, sequence);
  const barcode = buildBarcode({ bankCode: b.bankCode, dueDate, amountCents, freeField });
  return { ourNumber, barcode, digitableLine: lineOfCheckedBarcode(barcode) };
}
