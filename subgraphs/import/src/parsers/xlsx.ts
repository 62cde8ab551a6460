import { XMLParser } from 'fast-xml-parser';
import { excelSerialDate } from './dates';
import { parseTable, type TableRecord } from './table';
import type { CsvOptions, ParseResult } from './types';
import { StatementError } from './types';
import { ZipArchive } from './zip';

// XLSX read synchronously (the ParseStatement contract is synchronous, exceljs is not):
// our capped ZIP reader, fast-xml-parser (entities off) for the small parts (workbook,
// relationships, styles) and an indexOf scanner for the worksheet and shared strings.

type Node = Record<string, unknown>;

const ARRAYS = new Set(['sheet', 'Relationship', 'numFmt', 'xf']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  processEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) => ARRAYS.has(name),
});

const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57,
]);

export function parseXlsx(
  bytes: Buffer,
  options: CsvOptions,
  maxRows: number,
  maxValue: number,
): ParseResult {
  const zip = new ZipArchive(bytes);
  if (!zip.has('xl/workbook.xml'))
    throw new StatementError('A ZIP archive that is not an XLSX workbook');
  const workbook = xml(zip, 'xl/workbook.xml');
  const sheets = list(path(workbook, 'workbook', 'sheets', 'sheet'));
  const first = sheets[0];
  if (!first) throw new StatementError('The workbook has no worksheet');
  const date1904 = ['1', 'true'].includes(
    attr(path(workbook, 'workbook', 'workbookPr'), '@date1904'),
  );
  const sheetPath = sheetTarget(zip, attr(first, '@id') || '');
  const shared = sharedStrings(zip);
  const dateStyles = dateStyleIndexes(zip);
  const sheet = xmlText(zip, sheetPath);
  const skip = options.skipRows ?? 0;
  const records: TableRecord[] = [];
  for (const row of scanRows(sheet)) {
    const line = row.r || records.length + 1;
    if (line <= skip) continue;
    const cells: string[] = [];
    for (const c of row.cells) {
      const at = columnIndex(c.r, cells.length);
      const value = cellText(c, shared, dateStyles, date1904);
      if (value.length > maxValue)
        throw new StatementError(`A cell longer than ${maxValue} bytes`, line);
      while (cells.length < at) cells.push('');
      cells[at] = value;
    }
    records.push({ cells, line });
    if (records.length > maxRows + 100) break;
  }
  return parseTable(records, options, 'XLSX', maxRows, {
    sheet: attr(first, '@name') || 'Sheet1',
  });
}

function xml(zip: ZipArchive, name: string): Node {
  return parser.parse(xmlText(zip, name)) as Node;
}

function xmlText(zip: ZipArchive, name: string): string {
  const data = zip.read(name);
  if (!data) throw new StatementError(`The workbook has no ${name}`);
  const text = data.toString('utf8');
  if (/<!(?:DOCTYPE|ENTITY)/i.test(text)) {
    throw new StatementError(
      'The workbook declares a DOCTYPE or ENTITY: refused (entity expansion is not allowed)',
    );
  }
  return text;
}

function sheetTarget(zip: ZipArchive, relId: string): string {
  const rels = zip.has('xl/_rels/workbook.xml.rels') ? xml(zip, 'xl/_rels/workbook.xml.rels') : {};
  const rel = list(path(rels, 'Relationships', 'Relationship')).find((r) => r['@Id'] === relId);
  const target = (rel && attr(rel, '@Target')) || 'worksheets/sheet1.xml';
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

function sharedStrings(zip: ZipArchive): string[] {
  if (!zip.has('xl/sharedStrings.xml')) return [];
  const text = xmlText(zip, 'xl/sharedStrings.xml');
  const strings: string[] = [];
  let at = text.indexOf('<si');
  while (at >= 0) {
    const end = text.indexOf('</si>', at);
    const stop = end < 0 ? text.length : end;
    strings.push(runsText(text, at, stop));
    at = text.indexOf('<si', stop);
  }
  return strings;
}

/** The concatenated `<t>` runs between two offsets (phonetic `<rPh>` runs left out). */
function runsText(text: string, from: number, to: number): string {
  let out = '';
  let at = text.indexOf('<t', from);
  while (at >= 0 && at < to) {
    const next = text.charCodeAt(at + 2);
    const gt = text.indexOf('>', at);
    if ((next === 62 || next === 32) && gt > 0 && gt < to) {
      const close = text.indexOf('</t>', gt);
      const end = close < 0 || close > to ? to : close;
      const phonetic = text.lastIndexOf('<rPh', at);
      const inPhonetic = phonetic >= from && text.lastIndexOf('</rPh>', at) < phonetic;
      if (text.charCodeAt(gt - 1) !== 47 && !inPhonetic) out += decodeXml(text.slice(gt + 1, end));
      at = text.indexOf('<t', end);
    } else at = text.indexOf('<t', at + 2);
  }
  return out;
}

interface SheetCell {
  r: string;
  t: string;
  s: string;
  v: string;
  inline: string;
}

interface SheetRow {
  r: number;
  cells: SheetCell[];
}

// The worksheet is the one big part of a workbook: read it with indexOf over its regular,
// machine-written markup instead of building an object tree (100k rows: seconds and
// hundreds of MB less).
function* scanRows(text: string): Generator<SheetRow> {
  let at = findTag(text, '<row', 0);
  while (at >= 0) {
    const gt = text.indexOf('>', at);
    if (gt < 0) return;
    const head = text.slice(at, gt);
    const empty = text.charCodeAt(gt - 1) === 47;
    const end = empty ? gt : text.indexOf('</row>', gt);
    const stop = end < 0 ? text.length : end;
    yield { r: Number(attrOf(head, 'r')) || 0, cells: empty ? [] : scanCells(text, gt + 1, stop) };
    at = findTag(text, '<row', stop);
  }
}

function scanCells(text: string, from: number, to: number): SheetCell[] {
  const cells: SheetCell[] = [];
  let at = findTag(text, '<c', from);
  while (at >= 0 && at < to) {
    const gt = text.indexOf('>', at);
    const head = text.slice(at, gt);
    const cell: SheetCell = {
      r: attrOf(head, 'r'),
      t: attrOf(head, 't'),
      s: attrOf(head, 's'),
      v: '',
      inline: '',
    };
    let next = gt + 1;
    if (text.charCodeAt(gt - 1) !== 47) {
      const close = text.indexOf('</c>', gt);
      const end = close < 0 || close > to ? to : close;
      const v = text.indexOf('<v>', gt);
      if (v >= 0 && v < end) cell.v = decodeXml(text.slice(v + 3, text.indexOf('</v>', v)));
      if (cell.t === 'inlineStr') cell.inline = runsText(text, gt, end);
      next = end;
    }
    cells.push(cell);
    at = findTag(text, '<c', next);
  }
  return cells;
}

/** The next `<name` followed by a space, `>` or `/` (so `<c` does not match `<col`). */
function findTag(text: string, open: string, from: number): number {
  let at = text.indexOf(open, from);
  while (at >= 0) {
    const c = text.charCodeAt(at + open.length);
    if (c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13) return at;
    at = text.indexOf(open, at + 1);
  }
  return -1;
}

function attrOf(head: string, name: string): string {
  const at = head.indexOf(` ${name}="`);
  if (at < 0) return '';
  const start = at + name.length + 3;
  const end = head.indexOf('"', start);
  return end < 0 ? '' : head.slice(start, end);
}

function dateStyleIndexes(zip: ZipArchive): Set<number> {
  const result = new Set<number>();
  if (!zip.has('xl/styles.xml')) return result;
  const styles = xml(zip, 'xl/styles.xml');
  const custom = new Set<number>();
  for (const f of list(path(styles, 'styleSheet', 'numFmts', 'numFmt'))) {
    const code = (attr(f, '@formatCode') || '').replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
    if (/[dmy]/i.test(code) && !/^[#0.,%\s]*$/.test(code)) custom.add(Number(f['@numFmtId']));
  }
  list(path(styles, 'styleSheet', 'cellXfs', 'xf')).forEach((xf, index) => {
    const id = Number(xf['@numFmtId'] ?? 0);
    if (BUILTIN_DATE_FORMATS.has(id) || custom.has(id)) result.add(index);
  });
  return result;
}

function cellText(
  c: SheetCell,
  shared: string[],
  dateStyles: Set<number>,
  date1904: boolean,
): string {
  const v = c.v.trim();
  switch (c.t || 'n') {
    case 's':
      return (shared[Number(v)] ?? '').trim();
    case 'inlineStr':
      return c.inline.trim();
    case 'str':
      return v;
    case 'b':
      return v === '1' ? 'TRUE' : 'FALSE';
    case 'e':
      return '';
    case 'd':
      return v.slice(0, 10);
    default:
      if (!v) return '';
      if (c.s && dateStyles.has(Number(c.s))) return excelSerialDate(Number(v), date1904) ?? v;
      return plainNumber(v);
  }
}

/** Excel stores binary doubles (`0.30000000000000004`): round at 1e-9, never beyond. */
function plainNumber(v: string): string {
  const n = Number(v);
  if (!Number.isFinite(n)) return v;
  if (!/e/i.test(v) && !/\.\d{10,}/.test(v)) return v;
  return n.toFixed(9).replace(/\.?0+$/, '');
}

function columnIndex(ref: string, fallback: number): number {
  const letters = /^([A-Z]+)/.exec(ref)?.[1];
  if (!letters) return fallback;
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function decodeXml(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_m, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (named[e.toLowerCase()]) return named[e.toLowerCase()]!;
    const code = e[1]?.toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

function list(value: unknown): Node[] {
  if (Array.isArray(value)) return value.filter((v): v is Node => !!v && typeof v === 'object');
  return value && typeof value === 'object' ? [value as Node] : [];
}

function path(node: unknown, ...keys: string[]): unknown {
  let cur: unknown = node;
  for (const key of keys) cur = cur && typeof cur === 'object' ? (cur as Node)[key] : undefined;
  return cur;
}

function attr(node: unknown, name: string): string {
  const value = node && typeof node === 'object' ? (node as Node)[name] : undefined;
  return typeof value === 'string' ? value : '';
}
