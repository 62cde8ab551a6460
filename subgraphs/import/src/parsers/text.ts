import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { StatementError } from './types';

export interface DecodedText {
  text: string;
  encoding: string;
}

/**
 * Decodes by content, not by what a header claims: bank files routinely declare one
 * charset and carry another. A BOM wins; then valid UTF-8; else CP1252 (a superset of
 * Latin-1 for printable text; Node's own TextDecoder gets 0x80-0x9F wrong, hence iconv-lite).
 */
export function decodeText(bytes: Buffer, forced?: string): DecodedText {
  if (forced) {
    const quoted = JSON.stringify(forced);
    if (!iconv.encodingExists(forced)) throw new StatementError(`Unknown encoding ${quoted}`);
    const text = stripBom(iconv.decode(bytes, forced));
    return { text, encoding: forced.toLowerCase() };
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: bytes.toString('utf8', 3), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: iconv.decode(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: iconv.decode(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  }
  if (isUtf8(bytes)) return { text: bytes.toString('utf8'), encoding: 'utf-8' };
  return { text: iconv.decode(bytes, 'windows-1252'), encoding: 'windows-1252' };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** True when the bytes look like a binary file rather than text (NULs or many control bytes). */
export function looksBinary(bytes: Buffer): boolean {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return false;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return false;
  const end = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < end; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b) || b === 0x7f) control++;
  }
  return control > end / 100;
}

/** The first line longer than `max` bytes, if any (1-based line, its length). */
export function findLongLine(
  bytes: Buffer,
  max: number,
): { line: number; length: number } | undefined {
  let start = 0;
  let line = 1;
  while (start <= bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    if (end - start > max) return { line, length: end - start };
    start = end + 1;
    line++;
  }
  return undefined;
}

/** Maps character offsets to 1-based line numbers (binary search over newline offsets). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    let i = text.indexOf('\n');
    while (i >= 0) {
      this.starts.push(i + 1);
      i = text.indexOf('\n', i + 1);
    }
  }

  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}
