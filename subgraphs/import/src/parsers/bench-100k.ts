// Prints how long parseStatement takes on generated 100,000-row OFX, CSV and XLSX files,
// one JSON line each. Run: pnpm --filter @saldo/import build &&
//   node subgraphs/import/dist/src/parsers/bench-100k.js [rows]
import ExcelJS from 'exceljs';
import { generateCsv, generateOfx } from './generate';
import { parseStatement } from './index';

function measure(format: string, bytes: Buffer): void {
  const before = process.memoryUsage().rss;
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const result = parseStatement(bytes);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  const line = {
    bench: 'parsers',
    format,
    rows: result.accounts.reduce((n, a) => n + a.rows.length, 0),
    invalid: result.invalid.length,
    mb: +(bytes.length / 1048576).toFixed(1),
    parse_s: +seconds.toFixed(3),
    // Wall time suffers when other processes share the cores; CPU time says what parsing costs.
    cpu_s: +((used.user + used.system) / 1e6).toFixed(3),
    rss_mb: Math.round(process.memoryUsage().rss / 1048576),
    rss_growth_mb: Math.round((process.memoryUsage().rss - before) / 1048576),
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

async function generateXlsx(rows: number): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Extrato');
  sheet.addRow(['Data', 'Descrição', 'Valor']);
  for (let i = 0; i < rows; i++) {
    sheet.addRow([
      new Date(Date.UTC(2024, 0, (i % 28) + 1)),
      `Loja ${i % 977}`,
      -((i * 7919) % 100_000) / 100,
    ]);
  }
  sheet.getColumn(1).numFmt = 'dd/mm/yyyy';
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 100_000);
  measure('OFX', generateOfx(rows));
  measure('CSV', generateCsv(rows));
  measure('XLSX', await generateXlsx(rows));
}

void main();
