import type { StatementFormat } from './types';
import { StatementError } from './types';

export type Container = 'ZIP' | 'TEXT';

/** Refuses what is plainly not a statement, from the first bytes. */
export function sniffBytes(bytes: Buffer): Container {
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) return 'ZIP';
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x06054b50) return 'ZIP'; // empty archive
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0xd0cf11e0) {
    throw new StatementError('A legacy Excel .xls file: save it as .xlsx or .csv and import that');
  }
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
    throw new StatementError('A PDF file: export the statement as OFX, CSV or XLSX from your bank');
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    throw new StatementError('A gzip-compressed file: decompress it first');
  }
  return 'TEXT';
}

const CAMT_NS = /urn:iso:std:iso:20022:tech:xsd:camt\.(\d{3})/i;

/** The format of a decoded text file, from its content. */
export function detectTextFormat(text: string): StatementFormat {
  const head = text.slice(0, 65_536).replace(/^[\s\uFEFF]+/, '');
  if (/^OFXHEADER\s*:/i.test(head) || /<OFX\s*>/i.test(head) || /<\?OFX\b/i.test(head)) {
    return /<INTU\.BID>/i.test(head) ? 'QFX' : 'OFX';
  }
  const camt = CAMT_NS.exec(head);
  if (camt) {
    if (camt[1] === '053') return 'CAMT053';
    if (camt[1] === '052') return 'CAMT052';
    throw new StatementError(
      `A CAMT.${camt[1]} file: only CAMT.053 (statements) and CAMT.052 (reports) are supported`,
    );
  }
  if (/^<(?:\?xml|[A-Za-z])/.test(head)) {
    throw new StatementError('An XML or HTML file that is neither OFX nor CAMT.053/052');
  }
  if (/^!(?:Type|Account|Option|Clear)/i.test(head)) return 'QIF';
  return 'CSV';
}
