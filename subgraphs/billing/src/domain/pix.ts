// PIX BR Code ("copia e cola"): EMV QRCPS merchant-presented payload as specified by the BCB
// (Manual de Padrões para Iniciação do Pix). Static code with a fixed amount.
import { isValidCnpj, isValidCpf, isValidEmail } from './documents';

const CRC_TABLE = buildCrcTable();

function buildCrcTable(): Uint16Array {
  const t = new Uint16Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n << 8;
    for (let k = 0; k < 8; k++) c = c & 0x8000 ? ((c << 1) ^ 0x1021) & 0xffff : (c << 1) & 0xffff;
    t[n] = c;
  }
  return t;
}

/** CRC16-CCITT (poly 0x1021, init 0xFFFF, no reflection, no xor-out) over the string's bytes
 * (BR Codes are ASCII, so char codes are the bytes); 4 uppercase hex digits. */
export function crc16ccitt(s: string): string {
  let crc = 0xffff;
  for (let i = 0; i < s.length; i++) {
    crc = ((crc << 8) ^ (CRC_TABLE[((crc >> 8) ^ s.charCodeAt(i)) & 0xff] ?? 0)) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

function tlv(id: string, value: string): string {
  if (value.length > 99) throw new RangeError(`BR Code field ${id} longer than 99 chars`);
  return id + (value.length < 10 ? '0' : '') + String(value.length) + value;
}

const PLAIN_ASCII = /^[!-~]+( [!-~]+)*$/;

/** ASCII-fold (drop accents), keep printable ASCII, collapse spaces, trim, cut to `max`. */
export function asciiFold(s: string, max: number): string {
  // Fast path: already printable ASCII with single inner spaces (NFD is the expensive part).
  if (PLAIN_ASCII.test(s)) return s.length <= max ? s : s.slice(0, max).trim();
  return s
    .normalize('NFD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max)
    .trim();
}

const TXID = /^[A-Za-z0-9]{1,25}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PHONE = /^\+55[1-9]{2}9?\d{8}$/;
const MAX_AMOUNT_CENTS = 99_999_999_999n; // 13 chars: 999999999.99

function formatAmount(cents: bigint): string {
  return `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
}

// Bulk runs issue many codes for the same merchant: remember the last fold of each field.
function lastValueMemo(f: (s: string) => string): (s: string) => string {
  let lastIn: string | undefined;
  let lastOut = '';
  return (s) => {
    if (s !== lastIn) {
      lastOut = f(s);
      lastIn = s;
    }
    return lastOut;
  };
}
const foldName = lastValueMemo((s) => asciiFold(s, 25));
const foldCity = lastValueMemo((s) => asciiFold(s, 15));

export interface PixBrCodeInput {
  key: string;
  amountCents: bigint;
  txid: string;
  merchantName: string;
  merchantCity: string;
}

/** EMV BR Code ("copia e cola"), static with amount: payload format 01, merchant account 26
 * (GUI br.gov.bcb.pix + key), MCC 0000, currency 986, amount (54, '123.45'), country BR,
 * name (<=25, ASCII-folded), city (<=15), 62/05 txid (<=25 alnum; '***' when empty),
 * CRC16-CCITT in 6304. Throws RangeError for an invalid key, txid, amount, name or city. */
export function buildPixBrCode(i: PixBrCodeInput): string {
  if (!isValidPixKey(i.key)) throw new RangeError(`Invalid PIX key: "${i.key}"`);
  if (i.txid !== '' && i.txid !== '***' && !TXID.test(i.txid)) {
    throw new RangeError('PIX txid must be 1..25 letters/digits');
  }
  if (i.amountCents <= 0n || i.amountCents > MAX_AMOUNT_CENTS) {
    throw new RangeError(`PIX amount ${i.amountCents} cents out of range`);
  }
  const name = foldName(i.merchantName);
  const city = foldCity(i.merchantCity);
  if (name === '' || city === '') throw new RangeError('PIX merchant name and city are required');
  const body =
    '000201' +
    tlv('26', '0014br.gov.bcb.pix' + tlv('01', i.key)) +
    '52040000' +
    '5303986' +
    tlv('54', formatAmount(i.amountCents)) +
    '5802BR' +
    tlv('59', name) +
    tlv('60', city) +
    tlv('62', tlv('05', i.txid === '' ? '***' : i.txid)) +
    '6304';
  return body + crc16ccitt(body);
}

/** Top-level EMV fields of a BR Code (id -> value), or null when the TLV structure is broken. */
export function parseEmvFields(code: string): Map<string, string> | null {
  const out = new Map<string, string>();
  let pos = 0;
  while (pos < code.length) {
    if (pos + 4 > code.length) return null;
    const id = code.slice(pos, pos + 2);
    const lenText = code.slice(pos + 2, pos + 4);
    if (!/^\d{2}$/.test(id) || !/^\d{2}$/.test(lenText)) return null;
    const len = +lenText;
    if (pos + 4 + len > code.length) return null;
    out.set(id, code.slice(pos + 4, pos + 4 + len));
    pos += 4 + len;
  }
  return out;
}

/** Structure (00 = 01 first, TLVs well formed, 6304 last) and CRC check. */
export function isValidBrCode(code: string): boolean {
  if (code.length < 12 || !code.startsWith('000201')) return false;
  const crcAt = code.length - 8;
  if (code.slice(crcAt, crcAt + 4) !== '6304') return false;
  const fields = parseEmvFields(code);
  if (!fields || fields.get('63')?.length !== 4) return false;
  return crc16ccitt(code.slice(0, crcAt + 4)) === code.slice(crcAt + 4).toUpperCase();
}

/** CPF or CNPJ (digits only / alphanumeric CNPJ), e-mail (<= 77), +55 phone, or random (EVP) UUID. */
export function isValidPixKey(key: string): boolean {
  if (key.length === 11 && isValidCpf(key)) return true;
  if (key.length === 14 && isValidCnpj(key)) return true;
  if (key.startsWith('+')) return PHONE.test(key);
  if (key.length === 36 && UUID.test(key)) return true;
  return key.length <= 77 && key.includes('@') && isValidEmail(key);
}
