import { readCsvRecords } from './csv-reader';
import { presetOf, parseTable } from './table';
import type { CsvOptions, ParseResult } from './types';

const DELIMITERS = [';', ',', '\t', '|'];

export function parseCsvText(text: string, options: CsvOptions, maxRows: number): ParseResult {
  const skip = Math.max(0, Math.floor(options.skipRows ?? 0));
  let start = 0;
  for (let i = 0; i < skip && start >= 0; i++) {
    const nl = text.indexOf('\n', start);
    start = nl < 0 ? text.length : nl + 1;
  }
  let body = text.slice(start);
  let offset = skip;
  // Excel's `sep=;` hint line names the delimiter.
  const hint = /^sep=(.)[ \t]*\r?\n/i.exec(body);
  if (hint) {
    body = body.slice(hint[0].length);
    offset++;
  }
  const preset = presetOf(options);
  const delimiter = options.delimiter ?? hint?.[1] ?? preset.delimiter ?? detectDelimiter(body);
  // A header or preamble counts too; a little slack over maxRows keeps the cap message ours.
  const records = readCsvRecords(body, delimiter, offset, maxRows + 100);
  const shown = delimiter === '\t' ? '\\t' : delimiter;
  return parseTable(records, options, 'CSV', maxRows, { delimiter: shown });
}

/** The candidate that splits the first lines (outside quotes) into the most, equally many fields. */
export function detectDelimiter(text: string): string {
  const lines = text.split(/\r?\n/, 30).filter((l) => l.trim());
  let best = ',';
  let bestScore = 0;
  for (const candidate of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, candidate));
    const frequency = new Map<number, number>();
    for (const c of counts) if (c > 0) frequency.set(c, (frequency.get(c) ?? 0) + 1);
    let score = 0;
    for (const [count, times] of frequency) score = Math.max(score, times * 1000 + count);
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let quoted = false;
  let count = 0;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) count++;
  }
  return count;
}
