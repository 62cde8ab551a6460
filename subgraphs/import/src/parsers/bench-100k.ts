// Prints how long parseStatement takes on generated 100,000-row OFX and CSV files.
// Run: pnpm --filter @saldo/import build && node subgraphs/import/dist/src/parsers/bench-100k.js [rows]
import { generateCsv, generateOfx } from './generate';
import { parseStatement } from './index';

function measure(format: string, bytes: Buffer): void {
  const before = process.memoryUsage().rss;
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const result = parseStatement(bytes);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  const rows = result.accounts.reduce((n, a) => n + a.rows.length, 0);
  const line = {
    bench: 'parsers',
    format,
    rows,
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

const rows = Number(process.argv[2] ?? 100_000);
measure('OFX', generateOfx(rows));
measure('CSV', generateCsv(rows));
