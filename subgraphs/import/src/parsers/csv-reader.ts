import type { TableRecord } from './table';
import { StatementError } from './types';

// RFC 4180 records with the line each record STARTS on (csv-parse only reports where it
// ends, and its per-record info objects cost more than the parse itself at 100k rows).
// Relaxed like spreadsheet exports need: quotes inside unquoted fields are kept as text,
// text after a closing quote is appended, CRLF, LF and lone CR all end a record.

const QUOTE = 34;
const LF = 10;
const CR = 13;

export function readCsvRecords(
  text: string,
  delimiter: string,
  lineOffset: number,
  maxRecords: number,
): TableRecord[] {
  if (delimiter.length !== 1)
    throw new StatementError(`The delimiter must be one character, not "${delimiter}"`);
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  const records: TableRecord[] = [];
  let i = 0;
  let line = 1;
  while (i < n && records.length <= maxRecords) {
    const start = line;
    const cells: string[] = [];
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        let from = i + 1;
        value = '';
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) {
            throw new StatementError(
              `The CSV cannot be read: a quoted field opened on line ${start} is never closed`,
              start,
            );
          }
          line += countLines(text, from, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          value += text.slice(from, q);
          i = q + 1;
          break;
        }
        const rest = i;
        while (i < n && !isEnd(text.charCodeAt(i), d)) i++;
        if (i > rest) value += text.slice(rest, i);
      } else {
        const from = i;
        while (i < n && !isEnd(text.charCodeAt(i), d)) i++;
        value = text.slice(from, i);
      }
      cells.push(value);
      if (i < n && text.charCodeAt(i) === d) {
        i++;
        continue;
      }
      if (text.charCodeAt(i) === CR) i++;
      if (text.charCodeAt(i) === LF) i++;
      line++;
      break;
    }
    if (cells.length > 1 || cells[0]!.trim()) records.push({ cells, line: start + lineOffset });
  }
  return records;
}

function isEnd(c: number, d: number): boolean {
  return c === d || c === LF || c === CR;
}

function countLines(text: string, from: number, to: number): number {
  let count = 0;
  let k = text.indexOf('\n', from);
  while (k >= 0 && k < to) {
    count++;
    k = text.indexOf('\n', k + 1);
  }
  return count;
}
