import { decodeHTMLStrict } from 'entities';
import { StatementError } from './types';

// A tolerant tag scanner for OFX 1.x SGML and OFX 2.x "XML" (which banks often ship not
// well-formed): leaves may or may not be closed, several tags share a line, values hold
// unescaped `&` and HTML entities (sometimes escaped twice), CDATA appears in 2.x.
// It keeps line numbers, which no OFX library on npm reports.

export interface OfxEvents {
  open(name: string, line: number): void;
  close(name: string): void;
  leaf(name: string, value: string, line: number): void;
}

/** Containers in the OFX spec parts we read; a tag not listed here and not followed by text is a container too. */
export const AGGREGATES = new Set([
  'OFX',
  'SIGNONMSGSRSV1',
  'SONRS',
  'STATUS',
  'FI',
  'BANKMSGSRSV1',
  'STMTTRNRS',
  'STMTRS',
  'BANKACCTFROM',
  'BANKACCTTO',
  'BANKTRANLIST',
  'STMTTRN',
  'PAYEE',
  'LEDGERBAL',
  'AVAILBAL',
  'BALLIST',
  'BAL',
  'CURRENCY',
  'ORIGCURRENCY',
  'CREDITCARDMSGSRSV1',
  'CCSTMTTRNRS',
  'CCSTMTRS',
  'CCACCTFROM',
  'CCACCTTO',
  'INVSTMTMSGSRSV1',
  'INVSTMTTRNRS',
  'INVSTMTRS',
  'INVTRANLIST',
  'INVPOSLIST',
  'INVBAL',
  'INVBANKTRAN',
  'SECLISTMSGSRSV1',
  'SECLIST',
]);

/** Leaves that may appear empty and unclosed (`<NAME>` then the next tag). */
const LEAVES = new Set([
  'TRNTYPE',
  'DTPOSTED',
  'DTUSER',
  'DTAVAIL',
  'TRNAMT',
  'FITID',
  'CORRECTFITID',
  'CORRECTACTION',
  'SRVRTID',
  'CHECKNUM',
  'REFNUM',
  'SIC',
  'PAYEEID',
  'NAME',
  'MEMO',
  'CURDEF',
  'BANKID',
  'BRANCHID',
  'ACCTID',
  'ACCTTYPE',
  'ACCTKEY',
  'BALAMT',
  'DTASOF',
  'DTSTART',
  'DTEND',
  'CODE',
  'SEVERITY',
  'MESSAGE',
  'DTSERVER',
  'LANGUAGE',
  'TRNUID',
  'MKTGINFO',
  'CURRATE',
  'CURSYM',
  'DTPROFUP',
  'DTACCTUP',
  'ORG',
  'FID',
]);

const ENTITY = /&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i;

/** Decodes HTML/XML entities (strict: `AT&T` stays), twice when a bank escaped them twice. */
export function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  const once = decodeHTMLStrict(value);
  return ENTITY.test(once) ? decodeHTMLStrict(once) : once;
}

function isTagStart(code: number): boolean {
  return (
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 47 ||
    code === 33 ||
    code === 63
  );
}

function nextTag(text: string, from: number): number {
  let t = text.indexOf('<', from);
  while (t >= 0 && !isTagStart(text.charCodeAt(t + 1))) t = text.indexOf('<', t + 1);
  return t;
}

export function scanOfx(text: string, maxValue: number, on: OfxEvents): void {
  let line = 1;
  let counted = 0;
  const lineAt = (p: number): number => {
    let k = text.indexOf('\n', counted);
    while (k >= 0 && k < p) {
      line++;
      k = text.indexOf('\n', k + 1);
    }
    counted = Math.max(counted, p);
    return line;
  };
  const skipTo = (marker: string, from: number, what: string): number => {
    const end = text.indexOf(marker, from);
    if (end < 0) throw new StatementError(`Unterminated ${what}`, lineAt(from));
    return end + marker.length;
  };

  const read: TextRead = { value: '', next: -1, tooLong: false };
  let i = nextTag(text, 0);
  while (i >= 0) {
    if (text.startsWith('<!--', i)) {
      i = nextTag(text, skipTo('-->', i, 'comment'));
      continue;
    }
    if (text.startsWith('<?', i)) {
      i = nextTag(text, skipTo('?>', i, 'processing instruction'));
      continue;
    }
    if (text.startsWith('<![CDATA[', i)) {
      i = nextTag(text, skipTo(']]>', i, 'CDATA section'));
      continue;
    }
    if (text.startsWith('<!', i)) {
      throw new StatementError(
        'The file declares a DOCTYPE or ENTITY: refused (entity expansion is not allowed)',
        lineAt(i),
      );
    }
    const gt = text.indexOf('>', i);
    if (gt < 0 || gt - i > 256) {
      throw new StatementError('Malformed or unterminated tag', lineAt(i));
    }
    if (text.charCodeAt(i + 1) === SLASH) {
      on.close(nameAt(text, i + 2, gt));
      i = nextTag(text, gt + 1);
      continue;
    }
    const name = nameAt(text, i + 1, gt);
    const tagLine = lineAt(i);
    if (text.charCodeAt(gt - 1) === SLASH) {
      on.leaf(name, '', tagLine);
      i = nextTag(text, gt + 1);
      continue;
    }
    readText(text, gt + 1, maxValue, read);
    if (read.tooLong) throw new StatementError(`A value longer than ${maxValue} bytes`, lineAt(gt));
    const { value, next } = read;
    const closesSelf = next >= 0 && isCloseOf(text, next, name);
    if (AGGREGATES.has(name) || (!value && !closesSelf && !LEAVES.has(name))) {
      on.open(name, tagLine);
      i = next;
      continue;
    }
    on.leaf(name, value, tagLine);
    i = closesSelf ? nextTag(text, text.indexOf('>', next) + 1) : next;
  }
}

const SLASH = 47;
const upperNames = new Map<string, string>();

/** The tag name starting at `from` (letters, digits, `.`, `_`), upper-cased through a cache. */
function nameAt(text: string, from: number, end: number): string {
  let k = from;
  while (k < end) {
    const c = text.charCodeAt(k);
    const nameChar =
      (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 46 || c === 95;
    if (!nameChar) break;
    k++;
  }
  const raw = text.slice(from, k);
  let upper = upperNames.get(raw);
  if (upper === undefined) {
    upper = raw.toUpperCase();
    if (upperNames.size < 1000) upperNames.set(raw, upper);
  }
  return upper;
}

function isCloseOf(text: string, at: number, name: string): boolean {
  if (text.charCodeAt(at + 1) !== SLASH) return false;
  const gt = text.indexOf('>', at);
  return gt > 0 && nameAt(text, at + 2, gt) === name;
}

interface TextRead {
  value: string;
  next: number;
  tooLong: boolean;
}

/** Text up to the next tag, CDATA sections kept verbatim, entities decoded. */
function readText(text: string, from: number, maxValue: number, into: TextRead): void {
  let out = '';
  let p = from;
  into.tooLong = false;
  for (;;) {
    const t = nextTag(text, p);
    const end = t < 0 ? text.length : t;
    if (end - p > maxValue || out.length > maxValue) {
      into.tooLong = true;
      return;
    }
    out += decodeEntities(text.slice(p, end));
    if (t >= 0 && text.startsWith('<![CDATA[', t)) {
      const close = text.indexOf(']]>', t + 9);
      if (close < 0) {
        into.tooLong = true; // an unterminated CDATA runs to the end of the file
        return;
      }
      out += text.slice(t + 9, close);
      p = close + 3;
      continue;
    }
    into.value = out.trim();
    into.next = t;
    return;
  }
}
