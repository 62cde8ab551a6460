import { XMLParser } from 'fast-xml-parser';
import { excelSerialDate } from './dates';
import { parseTable, type TableRecord } from './table';
import type { CsvOptions, ParseResult } from './types';
import { StatementError } from './types';
import { ZipArchive } from './zip';

// XLSX read synchronously (the ParseStatement contract is synchronous, exceljs is not):
// our capped ZIP reader + fast-xml-parser (entities off) over the first worksheet.

type Node = Record<string, unknown>;

const ARRAYS = new Set(['sheet', 'Relationship', 'si', 'r', 'row', 'c', 'numFmt', 'xf']);

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
  const sheet = xml(zip, sheetPath);
  const rows = list(path(sheet, 'worksheet', 'sheetData', 'row'));
  const skip = options.skipRows ?? 0;
  const records: TableRecord[] = [];
  for (const row of rows) {
    const line = Number(row['@r'] ?? records.length + 1);
    if (line <= skip) continue;
    const cells: string[] = [];
    for (const c of list(row.c)) {
      const at = columnIndex(attr(c, '@r') || '', cells.length);
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
  const data = zip.read(name);
  if (!data) throw new StatementError(`The workbook has no ${name}`);
  const text = data.toString('utf8');
  if (/<!(?:DOCTYPE|ENTITY)/i.test(text)) {
    throw new StatementError(
      'The workbook declares a DOCTYPE or ENTITY: refused (entity expansion is not allowed)',
    );
  }
  return parser.parse(text) as Node;
}

function sheetTarget(zip: ZipArchive, relId: string): string {
  const rels = zip.has('xl/_rels/workbook.xml.rels') ? xml(zip, 'xl/_rels/workbook.xml.rels') : {};
  const rel = list(path(rels, 'Relationships', 'Relationship')).find((r) => r['@Id'] === relId);
  const target = (rel && attr(rel, '@Target')) || 'worksheets/sheet1.xml';
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

function sharedStrings(zip: ZipArchive): string[] {
  if (!zip.has('xl/sharedStrings.xml')) return [];
  const sst = xml(zip, 'xl/sharedStrings.xml');
  return list(path(sst, 'sst', 'si')).map((si) => {
    const runs = list(si.r);
    return runs.length ? runs.map((r) => text(r.t)).join('') : text(si.t);
  });
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

function cellText(c: Node, shared: string[], dateStyles: Set<number>, date1904: boolean): string {
  const type = attr(c, '@t') || 'n';
  const v = text(c.v).trim();
  switch (type) {
    case 's':
      return (shared[Number(v)] ?? '').trim();
    case 'inlineStr':
      return text(path(c, 'is', 't')).trim();
    case 'str':
      return text(c.v).trim();
    case 'b':
      return v === '1' ? 'TRUE' : 'FALSE';
    case 'e':
      return '';
    case 'd':
      return v.slice(0, 10);
    default:
      if (!v) return '';
      if (dateStyles.has(Number(c['@s'] ?? -1))) return excelSerialDate(Number(v), date1904) ?? v;
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

function text(value: unknown): string {
  if (typeof value === 'string') return decodeXml(value);
  if (value && typeof value === 'object') {
    const t = (value as Node)['#text'];
    return typeof t === 'string' ? decodeXml(t) : '';
  }
  return '';
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
