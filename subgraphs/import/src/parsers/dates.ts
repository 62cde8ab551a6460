// Value dates as `YYYY-MM-DD`, taken as written (no time-zone shifting: the bank's local date).

export function isRealDate(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1) return false;
  const days = [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= days;
}

function leap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function ymd(y: number, m: number, d: number): string | undefined {
  if (!isRealDate(y, m, d)) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** OFX `YYYYMMDD[HHMMSS[.XXX]][[-3:BRT]]`: the local date as written; zero dates are none. */
export function parseOfxDate(raw: string | undefined): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(raw?.trim() ?? '');
  if (!m) return undefined;
  return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
}

interface DateFormat {
  name: string;
  re: RegExp;
  order: 'dmy' | 'mdy' | 'ymd';
}

// Order matters for detection: pt-BR day-first before US month-first.
const FORMATS: DateFormat[] = [
  { name: 'dd/MM/yyyy', re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:$|[ T])/, order: 'dmy' },
  { name: 'MM/dd/yyyy', re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:$|[ T])/, order: 'mdy' },
  { name: 'yyyy-MM-dd', re: /^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[ T])/, order: 'ymd' },
  { name: 'dd.MM.yyyy', re: /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:$|[ T])/, order: 'dmy' },
  { name: 'yyyy.MM.dd', re: /^(\d{4})\.(\d{1,2})\.(\d{1,2})\.?(?:$|[ T])/, order: 'ymd' },
  { name: 'dd-MM-yyyy', re: /^(\d{1,2})-(\d{1,2})-(\d{4})(?:$|[ T])/, order: 'dmy' },
  { name: 'yyyy/MM/dd', re: /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:$|[ T])/, order: 'ymd' },
  { name: 'yyyyMMdd', re: /^(\d{4})(\d{2})(\d{2})$/, order: 'ymd' },
  { name: 'dd/MM/yy', re: /^(\d{1,2})\/(\d{1,2})\/(\d{2})(?:$|[ T])/, order: 'dmy' },
  { name: 'MM/dd/yy', re: /^(\d{1,2})\/(\d{1,2})\/(\d{2})(?:$|[ T])/, order: 'mdy' },
  { name: 'dd.MM.yy', re: /^(\d{1,2})\.(\d{1,2})\.(\d{2})(?:$|[ T])/, order: 'dmy' },
];

export const DATE_FORMATS = FORMATS.map((f) => f.name);

export function findDateFormat(name: string): DateFormat | undefined {
  const wanted = name.trim().toLowerCase();
  return FORMATS.find((f) => f.name.toLowerCase() === wanted);
}

export function parseDateAs(format: DateFormat, raw: string): string | undefined {
  const m = format.re.exec(raw.trim());
  if (!m) return undefined;
  const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const year = (y: number, text: string) =>
    text.length === 2 ? (y < 70 ? 2000 + y : 1900 + y) : y;
  if (format.order === 'ymd') return ymd(a, b, c);
  if (format.order === 'dmy') return ymd(year(c, m[3]!), b, a);
  return ymd(year(c, m[3]!), a, b);
}

/** The first format under which every sample is a real date, else the one that reads most. */
export function detectDateFormat(samples: string[]): DateFormat | undefined {
  const values = samples.map((s) => s.trim()).filter(Boolean);
  if (!values.length) return undefined;
  let best: { format: DateFormat; hits: number } | undefined;
  for (const format of FORMATS) {
    const hits = values.filter((v) => parseDateAs(format, v) !== undefined).length;
    if (hits === values.length) return format;
    if (hits > 0 && (!best || hits > best.hits)) best = { format, hits };
  }
  return best && best.hits * 2 >= values.length ? best.format : undefined;
}

/** Excel serial day (1900 system, with its fictitious 1900-02-29) to `YYYY-MM-DD`. */
export function excelSerialDate(serial: number, date1904 = false): string | undefined {
  if (!Number.isFinite(serial) || serial < 1) return undefined;
  const days = Math.floor(serial) + (date1904 ? 1462 : 0);
  const epoch = Date.UTC(1899, 11, 30);
  const d = new Date(epoch + days * 86_400_000);
  return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}
